package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageFileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.M2P3.host,S=10,W=12:2,FS | 1.M2P3.host,S=10,W=12 | FS | true | 10 | 12",
        "1.M2P3.host:2,            | 1.M2P3.host          |    | true | -1 | -1",
        "1700000000.12345_0.host   | 1700000000.12345_0.host |  | false | -1 | -1",
        "odd:1,experimental        | odd                  |    | false | -1 | -1",
        "a:b:2,S                   | a:b                  | S  | true | -1 | -1",
        "x,S=12a:2,                | x,S=12a              |    | true | -1 | -1",
        "x,W=5,S=7:2,T,extra       | x,W=5,S=7            | T,extra | true | 7 | 5",
    })
    void splitsBaseAndInfo(String name, String base, String info, boolean canonical, long size, long virtualSize) {
        MessageFileName parsed = MessageFileName.parse(name);
        assertThat(parsed.base()).isEqualTo(base);
        assertThat(parsed.info()).isEqualTo(info == null ? "" : info);
        assertThat(MessageFileName.isCanonical(name)).isEqualTo(canonical);
        assertThat(MessageFileName.size(base).orElse(-1)).isEqualTo(size);
        assertThat(MessageFileName.virtualSize(base).orElse(-1)).isEqualTo(virtualSize);
        if (canonical) {
            assertThat(parsed.fileName()).isEqualTo(name);
        }
    }
}
