package dev.mailwright.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncodedWordsTest {

    private static final Pattern WORD = Pattern.compile("=\\?UTF-8\\?([QB])\\?([^?]*)\\?=");

    /** RFC 2047 §8, the examples of encoded words in header fields and of whitespace handling. */
    static Stream<Arguments> rfc2047Examples() {
        return Stream.of(
                Arguments.of("=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>", "Keith Moore <moore@cs.utk.edu>"),
                Arguments.of("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>",
                        "Keld J\u00f8rn Simonsen <keld@dkuug.dk>"),
                Arguments.of("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
                        "Andr\u00e9 Pirard <PIRARD@vm1.ulg.ac.be>"),
                Arguments.of("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
                                + "    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
                        "If you can read this you understand the example."),
                Arguments.of("=?ISO-8859-1?Q?Olle_J=E4rnefors?= <ojarnef@admin.kth.se>",
                        "Olle J\u00e4rnefors <ojarnef@admin.kth.se>"),
                Arguments.of("ietf-822@dimacs.rutgers.edu, ojarnef@admin.kth.se",
                        "ietf-822@dimacs.rutgers.edu, ojarnef@admin.kth.se"),
                Arguments.of("Time for ISO 10646?", "Time for ISO 10646?"),
                Arguments.of("=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>",
                        "Patrik F\u00e4ltstr\u00f6m <paf@nada.kth.se>"),
                Arguments.of("Nathaniel Borenstein <nsb@thumper.bellcore.com>\r\n"
                                + "    (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)",
                        "Nathaniel Borenstein <nsb@thumper.bellcore.com>\r\n    (\u05dd\u05d5\u05dc\u05e9 "
                                + "\u05df\u05d1 \u05d9\u05dc\u05d8\u05e4\u05e0)"),
                Arguments.of("(=?ISO-8859-1?Q?a?=)", "(a)"),
                Arguments.of("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
                Arguments.of("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
                Arguments.of("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
                Arguments.of("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
                Arguments.of("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
                Arguments.of("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc2047Examples")
    void decodesTheRfc2047Examples(String encoded, String decoded) {
        assertThat(EncodedWords.decode(encoded)).isEqualTo(decoded);
    }

    static Stream<Arguments> leniencyAndEdges() {
        return Stream.of(
                Arguments.of("RFC 2231 language suffix", "=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
                Arguments.of("lower-case encoding and hex", "=?utf-8?q?caf=c3=a9?=", "caf\u00e9"),
                Arguments.of("lower-case B", "=?utf-8?b?Y2Fmw6k=?=", "caf\u00e9"),
                Arguments.of("base64 without padding", "=?UTF-8?B?w6k?=", "\u00e9"),
                Arguments.of("character split across two words", "=?UTF-8?Q?=C3?= =?UTF-8?Q?=A9?=", "\u00e9"),
                Arguments.of("split across B words", "=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=", "\u20ac"),
                Arguments.of("split across charset aliases", "=?UTF-8?Q?=E2=82?= =?utf8?Q?=AC?=", "\u20ac"),
                Arguments.of("different charsets stay apart", "=?ISO-8859-1?Q?=E9?= =?UTF-8?Q?=C3=A9?=", "\u00e9\u00e9"),
                Arguments.of("word inside other text", "x=?UTF-8?Q?a?=y", "xay"),
                Arguments.of("space between word and text kept", "=?UTF-8?Q?a?= b =?UTF-8?Q?c?=", "a b c"),
                Arguments.of("tab between words dropped", "=?UTF-8?Q?a?=\t=?UTF-8?Q?b?=", "ab"),
                Arguments.of("empty encoded text", "a =?UTF-8?Q??= b", "a  b"),
                Arguments.of("unknown charset kept literally", "=?x-no-such-charset?Q?a?= b", "=?x-no-such-charset?Q?a?= b"),
                Arguments.of("illegal charset name kept", "=?a,b?Q?a?=", "=?a,b?Q?a?="),
                Arguments.of("malformed base64 kept", "=?UTF-8?B?#$%&?=", "=?UTF-8?B?#$%&?="),
                Arguments.of("bad base64 padding kept", "=?UTF-8?B?w6k==x?=", "=?UTF-8?B?w6k==x?="),
                Arguments.of("bad Q escape kept", "=?UTF-8?Q?=ZZ?=", "=?UTF-8?Q?=ZZ?="),
                Arguments.of("Q escape cut off kept", "=?UTF-8?Q?a=4?=", "=?UTF-8?Q?a=4?="),
                Arguments.of("unknown encoding kept", "=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
                Arguments.of("whitespace inside kept", "=?UTF-8?Q?a b?=", "=?UTF-8?Q?a b?="),
                Arguments.of("unterminated kept", "=?UTF-8?Q?abc", "=?UTF-8?Q?abc"),
                Arguments.of("8-bit inside a word kept", "=?UTF-8?Q?\u00e9?=", "=?UTF-8?Q?\u00e9?="),
                Arguments.of("no charset kept", "=??Q?a?=", "=??Q?a?="),
                Arguments.of("invalid word between valid ones keeps spacing",
                        "=?UTF-8?Q?a?= =?bad?Q?x?= =?UTF-8?Q?b?=", "a =?bad?Q?x?= b"),
                Arguments.of("word found after a false start", "=?=?UTF-8?Q?a?=", "=?a"),
                Arguments.of("malformed bytes become replacement characters", "=?UTF-8?Q?=FF?=", "\ufffd"),
                Arguments.of("plain text untouched", "no words here", "no words here"),
                Arguments.of("lone marker", "=?", "=?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leniencyAndEdges")
    void decodesLenientlyAndKeepsWhatItCannotDecode(String description, String encoded, String decoded) {
        assertThat(EncodedWords.decode(encoded)).isEqualTo(decoded);
    }

    @Test
    void decodingNeverThrowsOnGarbage() {
        Random random = new Random(7);
        String[] pieces = {"=?", "?=", "?", "=", "Q", "b", "UTF-8", "iso-8859-1", "*", " ", "\r\n ", "_", "=C3",
            "=A9", "w6k", "==", "x", "\u00e9", "\ud83d\ude00", "\ud800"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(14);
            for (int k = 0; k < n; k++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThatCode(() -> EncodedWords.decode(s.toString())).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello world", "", "tabs\tare fine", "question? equals= fine", "?= alone"})
    void printableAsciiNeedsNoEncoding(String text) {
        assertThat(EncodedWords.encode(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Gr\u00fc\u00dfe aus K\u00f6ln",
        "looks like =?UTF-8?Q?a?= a word",
        "header\r\nBcc: injected@example.com",
        "\u65e5\u672c\u8a9e\u306e\u4ef6\u540d\u3067\u3059",
        "emoji \ud83d\ude00\ud83d\udc4d and more",
        "mostly ascii with one \u00e9 accent in a long sentence that needs several words to carry it all",
    })
    void encodedTextDecodesBackExactly(String text) {
        String encoded = EncodedWords.encode(text);
        assertThat(encoded).matches("[\\x21-\\x7e ]+");
        assertThat(EncodedWords.decode(encoded)).isEqualTo(text);
        Matcher words = WORD.matcher(encoded);
        int count = 0;
        while (words.find()) {
            count++;
            assertThat(words.group()).hasSizeLessThanOrEqualTo(75);
            // Every word holds whole characters: decoding it alone loses nothing.
            assertThat(EncodedWords.decode(words.group())).doesNotContain("\ufffd");
        }
        assertThat(count).isEqualTo(encoded.split(" ").length);
    }

    @Test
    void longTextIsSplitIntoWordsOfAtMost75Characters() {
        String text = "\u00e9t\u00e9 ".repeat(200) + "\ud83d\ude00".repeat(50);
        String encoded = EncodedWords.encode(text);
        assertThat(encoded.split(" ")).hasSizeGreaterThan(10)
                .allSatisfy(word -> assertThat(word).hasSizeLessThanOrEqualTo(75).startsWith("=?UTF-8?"));
        assertThat(EncodedWords.decode(encoded)).isEqualTo(text);
    }

    @Test
    void picksTheShorterEncoding() {
        assertThat(EncodedWords.encode("Caf\u00e9 au lait")).startsWith("=?UTF-8?Q?");
        assertThat(EncodedWords.encode("\u65e5\u672c\u8a9e\u306e\u4ef6\u540d")).startsWith("=?UTF-8?B?");
        assertThat(EncodedWords.encode("Caf\u00e9 au lait")).isEqualTo("=?UTF-8?Q?Caf=C3=A9_au_lait?=");
    }

    @Test
    void qEncodingIsSafeInPhrases() {
        String text = "word ".repeat(24) + "a\"b(c)d,e;f:g<h>i@j.k_l=m?n\u00e9";
        String encoded = EncodedWords.encode(text);
        Matcher word = WORD.matcher(encoded);
        while (word.find()) {
            assertThat(word.group(1)).isEqualTo("Q");
            assertThat(word.group(2)).matches("[A-Za-z0-9!*+\\-/=_]*");
        }
        assertThat(EncodedWords.decode(encoded)).isEqualTo(text);
    }

    @Test
    void firstWordIsSizedForTheRoomLeftOnItsLine() {
        String text = "\u00e9".repeat(100);
        String used = "Subject: ";
        String encoded = EncodedWords.encode(text, used.length());
        String[] words = encoded.split(" ");
        assertThat(used.length() + words[0].length()).isLessThanOrEqualTo(76);
        assertThat(words[0].length()).isGreaterThan(50);
        assertThat(EncodedWords.decode(encoded)).isEqualTo(text);
        // No room at all: full-size words, which folding then moves below the name.
        assertThat(EncodedWords.encode(text, 70).split(" ")[0]).hasSizeGreaterThan(70);
    }
}
