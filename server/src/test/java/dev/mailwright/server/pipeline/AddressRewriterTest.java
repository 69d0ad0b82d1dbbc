package dev.mailwright.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.user.InMemoryUserDirectory;
import dev.mailwright.core.user.PasswordHasher;
import dev.mailwright.server.pipeline.AddressRewriter.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AddressRewriterTest {

    private final InMemoryUserDirectory users = new InMemoryUserDirectory(
            PasswordHasher.builder().memoryKiB(64).iterations(1).build());

    AddressRewriterTest() {
        users.create("alice@example.org", "pw");
        users.create("bob@example.org", "pw");
        users.create("carol@example.net", "pw");
    }

    private AddressRewriter rewriter(Map<String, List<String>> aliases, Map<String, List<String>> fileAliases,
            List<AddressRewriter.Rule> rules, boolean plus, Optional<String> catchAll) {
        return new AddressRewriter(Set.of("example.org", "example.net"), users, aliases, () -> fileAliases, rules, plus,
                catchAll.map(MailAddress::parse), MailAddress.parse("postmaster@example.org"), users::list);
    }

    private AddressRewriter plain() {
        return rewriter(Map.of(), Map.of(), List.of(), true, Optional.empty());
    }

    private static List<Target> resolve(AddressRewriter r, String address) {
        return r.resolve(MailAddress.parse(address));
    }

    private static Target account(String name) {
        return new Target.Account(name);
    }

    @Test
    void accountsResolveToThemselvesCaseInsensitively() {
        assertThat(resolve(plain(), "alice@example.org")).containsExactly(account("alice@example.org"));
        assertThat(resolve(plain(), "Alice@EXAMPLE.org")).containsExactly(account("alice@example.org"));
        assertThat(resolve(plain(), "nobody@example.org")).isEmpty();
    }

    @Test
    void plusAddressingReachesTheBaseAccount() {
        assertThat(resolve(plain(), "alice+lists@example.org")).containsExactly(account("alice@example.org"));
        assertThat(resolve(plain(), "alice+a+b@example.org")).containsExactly(account("alice@example.org"));
        assertThat(resolve(plain(), "+tag@example.org")).isEmpty();
        AddressRewriter off = rewriter(Map.of(), Map.of(), List.of(), false, Optional.empty());
        assertThat(resolve(off, "alice+lists@example.org")).isEmpty();
    }

    @Test
    void aliasesExpandToLocalAndRemoteTargetsAndChain() {
        AddressRewriter r = rewriter(Map.of(
                "info@example.org", List.of("alice@example.org", "team@example.org"),
                "team@example.org", List.of("bob@example.org", "friend@elsewhere.example"),
                "sales", List.of("carol@example.net")), Map.of(), List.of(), true, Optional.empty());
        assertThat(resolve(r, "info@example.org")).containsExactly(account("alice@example.org"), account("bob@example.org"),
                new Target.Remote(MailAddress.parse("friend@elsewhere.example")));
        assertThat(resolve(r, "sales@example.org")).containsExactly(account("carol@example.net"));
        assertThat(resolve(r, "sales@example.net")).containsExactly(account("carol@example.net"));
        assertThat(resolve(r, "info+x@example.org")).hasSize(3);
    }

    @Test
    void aliasLoopsEndAndTooDeepChainsStop() {
        AddressRewriter loop = rewriter(Map.of(
                "a@example.org", List.of("b@example.org"),
                "b@example.org", List.of("a@example.org", "alice@example.org")), Map.of(), List.of(), true, Optional.empty());
        assertThat(resolve(loop, "a@example.org")).containsExactly(account("alice@example.org"));

        Map<String, List<String>> chain = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            chain.put("c" + i + "@example.org", List.of("c" + (i + 1) + "@example.org"));
        }
        chain.put("c20@example.org", List.of("alice@example.org"));
        assertThat(resolve(rewriter(chain, Map.of(), List.of(), true, Optional.empty()), "c0@example.org")).isEmpty();
    }

    @Test
    void staticAliasesWinOverTheFileAndBothOverAccounts() {
        AddressRewriter r = rewriter(Map.of("alice@example.org", List.of("bob@example.org")),
                Map.of("alice@example.org", List.of("carol@example.net"), "x@example.org", List.of("carol@example.net")),
                List.of(), true, Optional.empty());
        assertThat(resolve(r, "alice@example.org")).containsExactly(account("bob@example.org"));
        assertThat(resolve(r, "x@example.org")).containsExactly(account("carol@example.net"));
    }

    @Test
    void regexpRulesRewrite() {
        AddressRewriter r = rewriter(Map.of(), Map.of(),
                List.of(new AddressRewriter.Rule(Pattern.compile("^(.+)@example\\.net$", Pattern.CASE_INSENSITIVE), "$1@example.org")),
                true, Optional.empty());
        assertThat(resolve(r, "bob@example.net")).containsExactly(account("bob@example.org"));
        assertThat(resolve(r, "nobody@example.net")).isEmpty();
    }

    @Test
    void postmasterIsAlwaysDeliverable() {
        assertThat(resolve(plain(), "postmaster@example.net")).containsExactly(account("alice@example.org"));
        assertThat(resolve(plain(), "PostMaster@example.org")).containsExactly(account("alice@example.org"));
        AddressRewriter aliased = rewriter(Map.of("postmaster@example.org", List.of("bob@example.org")), Map.of(), List.of(),
                true, Optional.empty());
        assertThat(resolve(aliased, "postmaster@example.net")).containsExactly(account("bob@example.org"));
    }

    @Test
    void catchAllTakesUnknownLocalAddressesOnly() {
        AddressRewriter r = rewriter(Map.of(), Map.of(), List.of(), true, Optional.of("bob@example.org"));
        assertThat(resolve(r, "whatever@example.org")).containsExactly(account("bob@example.org"));
        assertThat(resolve(r, "alice@example.org")).containsExactly(account("alice@example.org"));
    }

    @Test
    void belongsToIsTheSenderCheck() {
        AddressRewriter r = rewriter(Map.of("info@example.org", List.of("alice@example.org")), Map.of(), List.of(), true,
                Optional.empty());
        assertThat(r.belongsTo(MailAddress.parse("alice@example.org"), "alice@example.org")).isTrue();
        assertThat(r.belongsTo(MailAddress.parse("alice+x@example.org"), "alice@example.org")).isTrue();
        assertThat(r.belongsTo(MailAddress.parse("info@example.org"), "alice@example.org")).isTrue();
        assertThat(r.belongsTo(MailAddress.parse("bob@example.org"), "alice@example.org")).isFalse();
        assertThat(r.belongsTo(MailAddress.parse("alice@elsewhere.example"), "alice@example.org")).isFalse();
    }

    @Test
    void catchAllAndThePostmasterFallbackGiveNoOneTheRightToSendAsThoseAddresses() {
        AddressRewriter r = rewriter(Map.of("abuse@example.org", List.of("postmaster@example.org")), Map.of(), List.of(), true,
                Optional.of("alice@example.org"));
        assertThat(resolve(r, "ceo@example.org")).containsExactly(account("alice@example.org"));
        assertThat(r.belongsTo(MailAddress.parse("ceo@example.org"), "alice@example.org")).isFalse();
        // No postmaster account or alias: postmaster mail reaches the first account, which still may not send as it.
        assertThat(resolve(r, "postmaster@example.org")).containsExactly(account("alice@example.org"));
        assertThat(r.belongsTo(MailAddress.parse("postmaster@example.org"), "alice@example.org")).isFalse();
        // An alias of postmaster is followed for delivery as well.
        assertThat(resolve(r, "abuse@example.org")).containsExactly(account("alice@example.org"));
        assertThat(r.belongsTo(MailAddress.parse("alice+x@example.org"), "alice@example.org")).isTrue();
    }

    @Test
    void remoteAddressesAreNotResolved() {
        assertThatThrownBy(() -> resolve(plain(), "alice@elsewhere.example")).isInstanceOf(IllegalArgumentException.class);
    }
}
