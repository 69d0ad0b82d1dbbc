package dev.mailwright.auth.spf;

import java.util.List;

/**
 * A parsed SPF record: its directives in order and the two modifiers RFC 7208 defines. Unknown
 * modifiers are checked for syntax and then ignored (§6).
 *
 * @param directives  the mechanisms with their qualifiers, in order
 * @param redirect    the {@code redirect=} domain-spec, or null
 * @param explanation the {@code exp=} domain-spec, or null
 */
record SpfRecord(List<Directive> directives, MacroString redirect, MacroString explanation) {

    SpfRecord {
        directives = List.copyOf(directives);
    }
}
