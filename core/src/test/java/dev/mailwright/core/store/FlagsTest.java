package dev.mailwright.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.store.Flags.SystemFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagsTest {

    @Test
    void systemFlagsAreCanonicalAndCaseInsensitive() {
        Flags flags = Flags.of("\\SEEN", "\\answered", "$Label");
        assertThat(flags.names()).containsExactly("\\Seen", "\\Answered", "$Label");
        assertThat(flags.contains(SystemFlag.SEEN)).isTrue();
        assertThat(flags.contains("\\seen")).isTrue();
        assertThat(flags.contains("$LABEL")).isTrue();
        assertThat(flags.contains("\\Draft")).isFalse();
        assertThat(flags.contains("\\Bogus")).isFalse();
        assertThat(flags).hasToString("(\\Seen \\Answered $Label)");
    }

    @Test
    void unionAndDifference() {
        Flags a = Flags.of("\\Seen", "$One");
        Flags b = Flags.of("\\Flagged", "$one", "$Two");
        assertThat(a.with(b)).isEqualTo(Flags.of("\\Seen", "\\Flagged", "$One", "$Two"));
        assertThat(a.with(b).keywords()).containsExactly("$One", "$Two");
        assertThat(a.with(b).without(Flags.of("$ONE", "\\Seen"))).isEqualTo(Flags.of("\\Flagged", "$Two"));
        assertThat(a.with(SystemFlag.DELETED).contains(SystemFlag.DELETED)).isTrue();
        assertThat(a.without(SystemFlag.SEEN)).isEqualTo(Flags.of("$One"));
        assertThat(Flags.of("\\Seen").without(Flags.of("\\Seen"))).isSameAs(Flags.NONE);
        assertThat(Flags.NONE.isEmpty()).isTrue();
    }

    @Test
    void equalityIgnoresKeywordCase() {
        assertThat(Flags.of("$Work")).isEqualTo(Flags.of("$WORK")).hasSameHashCodeAs(Flags.of("$work"));
        assertThat(Flags.of("$Work")).isNotEqualTo(Flags.of("$Home"));
        assertThat(Flags.of(SystemFlag.SEEN, SystemFlag.DRAFT)).isEqualTo(Flags.of("\\Draft", "\\Seen"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\Recent", "\\Bogus", "", "has space", "paren(", "quote\"", "star*", "percent%", "brace{",
        "bracket]", "back\\slash", "caf\u00e9", "ctl\u0001"})
    void refusesWhatIsNotAStorableFlag(String bad) {
        assertThatThrownBy(() -> Flags.of(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsKeywords() {
        String[] many = new String[Flags.MAX_KEYWORDS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "k" + i;
        }
        assertThatThrownBy(() -> Flags.of(many)).hasMessageContaining("more than " + Flags.MAX_KEYWORDS);
        assertThatThrownBy(() -> Flags.of("k".repeat(Flags.MAX_KEYWORD_LENGTH + 1))).hasMessageContaining("longer than");
    }

    @Test
    void flagUpdateModes() {
        Flags current = Flags.of("\\Seen", "$A");
        assertThat(FlagUpdate.add(Flags.of("$B")).applyTo(current)).isEqualTo(Flags.of("\\Seen", "$A", "$B"));
        assertThat(FlagUpdate.remove(Flags.of("\\Seen")).applyTo(current)).isEqualTo(Flags.of("$A"));
        assertThat(FlagUpdate.replace(Flags.of("\\Draft")).applyTo(current)).isEqualTo(Flags.of("\\Draft"));
    }
}
