package dev.mailwright.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UidSetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 | 1 | 1",
        "1:3 | 1:3 | 3",
        "3:1 | 1:3 | 3",
        "1,2,3 | 1:3 | 3",
        "5,1:2,3 | 1:3,5 | 4",
        "10:12,1,11:20 | 1,10:20 | 12",
        "4294967295 | 4294967295 | 1",
        "1:4294967295 | 1:4294967295 | 4294967295",
    })
    void parsesMergesAndPrints(String text, String printed, long size) {
        UidSet set = UidSet.parse(text);
        assertThat(set).hasToString(printed);
        assertThat(set.size()).isEqualTo(size);
        assertThat(UidSet.parse(printed)).isEqualTo(set);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1:0", "-1", "01", "1,,2", "a", "*", "1:*", "4294967296", "12345678901", ":1", "1:"})
    void refusesMalformed(String bad) {
        assertThatThrownBy(() -> UidSet.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsIteratesAndBounds() {
        UidSet set = UidSet.of(9, 1, 2, 3, 7);
        assertThat(set).hasToString("1:3,7,9");
        assertThat(set.contains(2)).isTrue();
        assertThat(set.contains(4)).isFalse();
        assertThat(set.contains(9)).isTrue();
        assertThat(set.contains(10)).isFalse();
        assertThat(set.min()).isEqualTo(1);
        assertThat(set.max()).isEqualTo(9);
        assertThat(set.rangeCount()).isEqualTo(3);
        assertThat(set).containsExactly(1L, 2L, 3L, 7L, 9L);
        List<Long> seen = new ArrayList<>();
        set.forEachUid(seen::add);
        assertThat(seen).containsExactly(1L, 2L, 3L, 7L, 9L);
        assertThat(UidSet.EMPTY.isEmpty()).isTrue();
        assertThat(UidSet.EMPTY).isEmpty();
        assertThat(UidSet.EMPTY).hasToString("");
        assertThatThrownBy(UidSet.EMPTY::min).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void unionAndLargeAscendingBuildStayCompact() {
        UidSet.Builder b = UidSet.builder();
        for (long uid = 1; uid <= 100_000; uid++) {
            b.add(uid);
        }
        UidSet big = b.build();
        assertThat(big.rangeCount()).isEqualTo(1);
        assertThat(big.size()).isEqualTo(100_000);
        assertThat(UidSet.of(1, 2).union(UidSet.of(3, 10))).hasToString("1:3,10");
        assertThat(UidSet.range(5, 2)).hasToString("2:5");
    }
}
