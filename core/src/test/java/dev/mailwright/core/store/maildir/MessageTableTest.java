package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.UidSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTableTest {

    private static Entry entry(long uid) {
        return new Entry(uid, "base" + uid, "", Flags.NONE, uid, Instant.EPOCH, 10);
    }

    @Test
    void keepsUidOrderFindsAndSelectsRanges() {
        MessageTable table = new MessageTable();
        for (long uid : new long[] {1, 2, 5, 9, 10, 11, 40}) {
            table.add(entry(uid));
        }
        table.add(entry(7));
        assertThat(table.size()).isEqualTo(8);
        assertThat(table.find(7).base).isEqualTo("base7");
        assertThat(table.find(8)).isNull();
        assertThat(table.in(UidSet.parse("2:7,10,12:39,40:100")).stream().map(e -> e.uid))
                .containsExactly(2L, 5L, 7L, 10L, 40L);
        assertThat(table.in(UidSet.EMPTY)).isEmpty();
        assertThat(table.byBase()).containsKeys("base1", "base40").hasSize(8);
        assertThatThrownBy(() -> table.add(entry(9))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void removesInOnePass() {
        MessageTable table = new MessageTable();
        for (long uid = 1; uid <= 100_000; uid++) {
            table.add(entry(uid));
        }
        table.removeIf(e -> e.uid % 2 == 0);
        assertThat(table.size()).isEqualTo(50_000);
        assertThat(table.find(2)).isNull();
        assertThat(table.find(99_999).uid).isEqualTo(99_999);
        assertThat(table.get(0).uid).isEqualTo(1);
    }
}
