package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordMapTest {

    @TempDir
    Path folder;

    @Test
    void readsDovecotsFileSkippingWhatIsNotAKeyword() throws IOException {
        Files.writeString(folder.resolve(KeywordMap.FILE),
                "0 $Junk\n1 $NonJunk\nbad line\n3 \\Seen\n4 has space\n30 $TooFar\n5 $Label5\n");
        KeywordMap map = KeywordMap.read(folder);
        assertThat(map.flags("Sabf")).isEqualTo(Flags.of("\\Seen", "$Junk", "$NonJunk", "$Label5"));
        assertThat(map.flags("d")).isEqualTo(Flags.NONE); // index 3 named a system flag: ignored
        assertThat(map.allKeywords()).containsExactly("$Junk", "$NonJunk", "$Label5");
    }

    @Test
    void systemLettersFollowTheMaildirSpecification() {
        assertThat(KeywordMap.EMPTY.flags("DFRST")).isEqualTo(Flags.of("\\Draft", "\\Flagged", "\\Answered", "\\Seen", "\\Deleted"));
        assertThat(KeywordMap.EMPTY.info(Flags.of("\\Seen", "\\Deleted", "\\Draft", "\\Answered", "\\Flagged"), ""))
                .isEqualTo("DFRST");
    }

    @Test
    void infoKeepsUnknownLettersAndTrailingFieldsInAsciiOrder() {
        KeywordMap map = KeywordMap.EMPTY.with(List.of("$A", "$B"));
        assertThat(map.info(Flags.of("\\Seen", "$b"), "PRa,extra")).isEqualTo("PSb,extra");
        assertThat(map.info(Flags.NONE, "Pz")).isEqualTo("P");
        assertThat(map.flags("PSb,Ta")).isEqualTo(Flags.of("\\Seen", "$B"));
    }

    @Test
    void newKeywordsGetTheNextLettersAndOldLettersKeepTheirMeaning() throws IOException {
        KeywordMap first = KeywordMap.EMPTY.with(List.of("$One"));
        KeywordMap second = first.with(List.of("$one", "$Two", "$TWO"));
        assertThat(second.allKeywords()).containsExactly("$One", "$Two");
        assertThat(second.info(Flags.of("$ONE", "$two"), "")).isEqualTo("ab");
        assertThat(first.with(List.of("$One"))).isSameAs(first);
        Files.write(folder.resolve(KeywordMap.FILE), second.toBytes());
        assertThat(Files.readString(folder.resolve(KeywordMap.FILE))).isEqualTo("0 $One\n1 $Two\n");
        assertThat(KeywordMap.read(folder).flags("b")).isEqualTo(Flags.of("$Two"));
    }

    @Test
    void atMostTwentySix() {
        KeywordMap map = KeywordMap.EMPTY;
        for (int i = 0; i < KeywordMap.MAX_KEYWORDS; i++) {
            map = map.with(List.of("$K" + i));
        }
        assertThat(map.info(Flags.of("$K0", "$K25"), "")).isEqualTo("az");
        KeywordMap full = map;
        assertThatThrownBy(() -> full.with(List.of("$K26"))).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.LIMIT));
    }
}
