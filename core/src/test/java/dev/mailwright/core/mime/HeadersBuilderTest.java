package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.HeadersParseTest.latin1;
import static dev.mailwright.core.mime.HeadersParseTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HeadersBuilderTest {

    private static final String SECTION = "Received: from a\r\n"
            + "From: x@example.com\r\n"
            + "Subject: old\r\n"
            + "X-Spam: yes\r\n"
            + "x-spam: again\r\n"
            + "\r\n";

    private static Headers parsed() throws HeaderLimitException {
        return Headers.parse(latin1(SECTION + "body"));
    }

    @Test
    void unmodifiedParsedSectionWritesBackExactly() throws IOException {
        Headers headers = parsed();
        assertThat(text(headers.toBytes())).isEqualTo(SECTION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.writeTo(out);
        assertThat(text(out.toByteArray())).isEqualTo(SECTION);
    }

    @Test
    void withAppendsAndWithFirstPrepends() throws HeaderLimitException {
        Headers original = parsed();
        Headers changed = original
                .with("X-Mailwright", "checked")
                .withFirst(HeaderField.of("DKIM-Signature", "v=1; d=example.com"));
        assertThat(text(changed.toBytes())).isEqualTo("DKIM-Signature: v=1; d=example.com\r\n"
                + SECTION.substring(0, SECTION.length() - 2)
                + "X-Mailwright: checked\r\n\r\n");
        assertThat(changed.byteLength()).isEqualTo(changed.toBytes().length);
        assertThat(original.size()).isEqualTo(5);
        assertThat(text(original.toBytes())).isEqualTo(SECTION);
    }

    @Test
    void withoutRemovesEveryFieldOfThatNameIgnoringCase() throws HeaderLimitException {
        Headers stripped = parsed().without("X-SPAM");
        assertThat(stripped).extracting(HeaderField::name).containsExactly("Received", "From", "Subject");
        assertThat(parsed().without("Absent").size()).isEqualTo(5);
    }

    @Test
    void setReplacesTheFirstInPlaceAndDropsTheRest() throws HeaderLimitException {
        Headers headers = parsed().toBuilder().set("x-spam", "no").set("Subject", "new").set("Date", "now").build();
        assertThat(headers).extracting(HeaderField::name)
                .containsExactly("Received", "From", "Subject", "x-spam", "Date");
        assertThat(headers).extracting(HeaderField::value).containsExactly("from a", "x@example.com", "new", "no", "now");
    }

    @Test
    void builderBuildsFromNothing() throws HeaderLimitException {
        Headers headers = Headers.builder()
                .add("From", "a@example.com")
                .add(HeaderField.of("To", "b@example.com"))
                .addFirst("Received", "from c")
                .addFirst(HeaderField.of("Return-Path", "<a@example.com>"))
                .remove("to")
                .build();
        String expected = "Return-Path: <a@example.com>\r\nReceived: from c\r\nFrom: a@example.com\r\n\r\n";
        assertThat(text(headers.toBytes())).isEqualTo(expected);
        assertThat(headers.byteLength()).isEqualTo(expected.length());
        assertThat(headers.malformedLines()).isZero();
        assertThat(Headers.parse(headers.toBytes()).fields()).isEqualTo(headers.fields());
    }

    @Test
    void modifyingDropsSkippedLinesAndCompletesAnUnterminatedField() throws HeaderLimitException {
        Headers headers = Headers.parse(latin1("junk\r\nA: 1\r\nB: 2"));
        assertThat(headers.malformedLines()).isEqualTo(1);
        Headers changed = headers.with("C", "3");
        assertThat(text(changed.toBytes())).isEqualTo("A: 1\r\nB: 2\r\nC: 3\r\n\r\n");
        assertThat(changed.malformedLines()).isZero();
        assertThat(changed.byteLength()).isEqualTo(changed.toBytes().length);
    }

    @Test
    void emptySectionIsJustTheBlankLine() {
        assertThat(text(Headers.empty().toBytes())).isEqualTo("\r\n");
        assertThat(Headers.empty().byteLength()).isEqualTo(2);
        assertThat(Headers.empty().isEmpty()).isTrue();
        assertThat(Headers.builder().build().toBytes()).isEqualTo(Headers.empty().toBytes());
    }

    @Test
    void fieldListIsUnmodifiable() throws HeaderLimitException {
        Headers headers = parsed();
        assertThatThrownBy(() -> headers.fields().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.all("x-spam").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRejectsNull() {
        assertThatThrownBy(() -> Headers.builder().add((HeaderField) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Headers.builder().addFirst((HeaderField) null)).isInstanceOf(NullPointerException.class);
    }
}
