package dev.mailwright.auth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicSuffixListTest {

    private static final PublicSuffixList BUNDLED = PublicSuffixList.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.com, example.com",
        "mail.example.com, example.com",
        "a.b.c.example.com, example.com",
        "example.co.uk, example.co.uk",
        "www.example.co.uk, example.co.uk",
        "co.uk, co.uk",
        "com, com",
        "EXAMPLE.ORG., example.org",
        "foo.bar.ck, foo.bar.ck",
        "www.ck, www.ck",
        "a.www.ck, www.ck",
        "example.unknowntld, example.unknowntld",
        "a.example.unknowntld, example.unknowntld",
        "xn--85x722f.xn--55qx5d.cn, xn--85x722f.xn--55qx5d.cn",
        "www.食狮.公司.cn, xn--85x722f.xn--55qx5d.cn",
        "foo.blogspot.com, foo.blogspot.com",
    })
    void organizationalDomains(String domain, String expected) {
        assertThat(BUNDLED.organizationalDomain(domain)).isEqualTo(expected);
    }

    @Test
    void aListCanBeLoadedFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("list.dat");
        Files.writeString(file, "// test\nexample\n*.wild.example\n!keep.wild.example\n");
        PublicSuffixList list = PublicSuffixList.fromFile(file);
        assertThat(list.organizationalDomain("a.b.example")).isEqualTo("b.example");
        assertThat(list.organizationalDomain("a.b.wild.example")).isEqualTo("a.b.wild.example");
        assertThat(list.organizationalDomain("x.keep.wild.example")).isEqualTo("keep.wild.example");
        assertThat(list.organizationalDomain("a.b.com")).isEqualTo("b.com");
    }
}
