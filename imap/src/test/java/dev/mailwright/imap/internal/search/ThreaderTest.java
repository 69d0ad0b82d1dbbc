package dev.mailwright.imap.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** THREAD algorithms of RFC 5256 on hand-made reference chains. */
class ThreaderTest {

    private final List<SortItem> items = new ArrayList<>();

    private void message(String id, String subject, String... references) {
        int seq = items.size() + 1;
        Instant date = Instant.parse("2024-03-01T00:00:00Z").plusSeconds(3600L * seq);
        items.add(new SortItem(seq, seq * 10L, 100, date, date, "", "", "", BaseSubject.of(subject),
                BaseSubject.isReplyOrForward(subject), id, List.of(references)));
    }

    @Test
    void referencesBuildsTreesWithDummiesAndMergesBySubject() {
        message("<1@x>", "A");
        message("<2@x>", "Re: A", "<1@x>");
        message("<3@x>", "B", "<gone@x>");
        message("<4@x>", "Re: B", "<gone@x>");
        message("<5@x>", "Re: A");
        message(null, "C");
        message("<7@x>", "Re: deep", "<1@x>", "<2@x>");
        assertThat(Threader.render(Threader.references(items), false)).isEqualTo("(1 (2 7)(5))((3)(4))(6)");
        assertThat(Threader.render(Threader.references(items), true)).isEqualTo("(10 (20 70)(50))((30)(40))(60)");
    }

    @Test
    void referenceLoopsAndDuplicateIdsDoNotBreakTheTree() {
        message("<1@x>", "loop", "<2@x>");
        message("<2@x>", "loop", "<1@x>");
        message("<2@x>", "duplicate id");
        assertThat(Threader.render(Threader.references(items), false)).isEqualTo("(2 1)(3)");
    }

    @Test
    void orderedSubjectGroupsByBaseSubjectFlat() {
        message("<1@x>", "A");
        message("<2@x>", "B");
        message("<3@x>", "Re: A");
        message("<4@x>", "Fwd: a");
        message("<5@x>", "re: b");
        assertThat(Threader.render(Threader.orderedSubject(items), false)).isEqualTo("(1 (3)(4))(2 5)");
    }
}
