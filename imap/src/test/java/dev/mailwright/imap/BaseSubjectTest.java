package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.imap.internal.search.BaseSubject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 §2.1 base subject extraction. */
class BaseSubjectTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Lunch plans|LUNCH PLANS",
        "Re: Lunch plans|LUNCH PLANS",
        "RE:  re: Lunch   plans|LUNCH PLANS",
        "Fwd: Re: Lunch plans (fwd)|LUNCH PLANS",
        "[list] Re: lunch plans|LUNCH PLANS",
        "Re[2]: Lunch plans|LUNCH PLANS",
        "[Fwd: Re: Lunch plans]|LUNCH PLANS",
        "[list]|[LIST]",
        "Fw: [ANN] Release|RELEASE",
        "Reply to all|REPLY TO ALL",
        "'  '|''",
    })
    void extractsTheBaseSubject(String subject, String base) {
        assertThat(BaseSubject.of(subject)).isEqualTo(base);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Re: x|true", "x (fwd)|true", "[Fwd: x]|true", "[list] x|false", "x|false"})
    void recognisesReplies(String subject, boolean reply) {
        assertThat(BaseSubject.isReplyOrForward(subject)).isEqualTo(reply);
    }
}
