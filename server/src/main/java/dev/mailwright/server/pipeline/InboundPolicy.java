package dev.mailwright.server.pipeline;

import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.dmarc.DmarcPolicy;
import dev.mailwright.auth.dmarc.DmarcResult;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.auth.spf.SpfResult;
import dev.mailwright.server.config.MailwrightConfig.Action;
import dev.mailwright.smtp.SmtpReply;
import java.util.List;
import java.util.Optional;

/**
 * Turns check results into what happens to a message, by each check's configured action:
 * accept, quarantine into Junk, or refuse with a reply. A failing check whose action is
 * "reject" refuses; "quarantine" files the message as junk; "ignore" only records the
 * result in Authentication-Results. DMARC applies the sender's own policy, capped by its
 * action.
 */
public record InboundPolicy(Action spf, Action dkim, Action dmarc, Action iprev, Action requireMx) {

    /** What becomes of a message, or of a transaction before it. */
    public record Decision(Optional<SmtpReply> refusal, boolean quarantine, String reason) {
        static final Decision ACCEPT = new Decision(Optional.empty(), false, "");

        static Decision refuse(int code, String status, String text) {
            return new Decision(Optional.of(SmtpReply.of(code, status, text)), false, text);
        }

        static Decision quarantine(String reason) {
            return new Decision(Optional.empty(), true, reason);
        }

        /** The stricter of two decisions. */
        Decision and(Decision other) {
            if (refusal.isPresent()) {
                return this;
            }
            if (other.refusal.isPresent() || other.quarantine && !quarantine) {
                return other;
            }
            return this;
        }
    }

    /** At MAIL FROM: SPF of the sender. */
    public Decision onSpf(SpfOutput spf) {
        return switch (spf.result()) {
            case FAIL -> act(spf(), 550, "5.7.23", "SPF check failed for " + spf.domain() + explanation(spf));
            case SOFTFAIL -> spf() == Action.IGNORE ? Decision.ACCEPT : Decision.quarantine("SPF softfail for " + spf.domain());
            case TEMPERROR -> spf() == Action.REJECT
                    ? Decision.refuse(451, "4.7.24", "SPF check of " + spf.domain() + " failed temporarily, try again later")
                    : Decision.ACCEPT;
            case PERMERROR -> spf() == Action.REJECT
                    ? Decision.refuse(550, "5.7.24", "SPF record of " + spf.domain() + " is broken")
                    : Decision.ACCEPT;
            default -> Decision.ACCEPT;
        };
    }

    /** At MAIL FROM: forward-confirmed reverse DNS of the client. */
    public Decision onIprev(CheckResult iprev) {
        return switch (iprev.verdict()) {
            case FAIL, PERMERROR -> act(iprev(), 550, "5.7.25", "reverse DNS of your address does not check out");
            case TEMPERROR -> iprev() == Action.REJECT
                    ? Decision.refuse(451, "4.7.25", "reverse DNS of your address failed temporarily, try again later")
                    : Decision.ACCEPT;
            default -> Decision.ACCEPT;
        };
    }

    /** At MAIL FROM: whether the sender's domain takes mail. */
    public Decision onSenderDomain(CheckResult mx) {
        return switch (mx.verdict()) {
            case FAIL, PERMERROR -> act(requireMx(), 550, "5.1.8", "sender domain does not accept mail: " + mx.reason());
            case TEMPERROR -> requireMx() == Action.REJECT
                    ? Decision.refuse(451, "4.4.3", "sender domain lookup failed temporarily, try again later")
                    : Decision.ACCEPT;
            default -> Decision.ACCEPT;
        };
    }

    /** After the message: DKIM signatures and the DMARC verdict. */
    public Decision onMessage(List<DkimOutput> dkimResults, DmarcOutput dmarcResult) {
        Decision decision = Decision.ACCEPT;
        boolean dkimFailed = dkimResults.stream().anyMatch(d -> d.result() == DkimResult.FAIL || d.result() == DkimResult.PERMERROR);
        boolean dkimPassed = dkimResults.stream().anyMatch(d -> d.result() == DkimResult.PASS);
        if (dkimFailed && !dkimPassed) {
            decision = decision.and(act(dkim(), 550, "5.7.20", "DKIM signature did not verify"));
        }
        if (dmarcResult.result() == DmarcResult.FAIL || dmarcResult.result() == DmarcResult.PERMERROR) {
            DmarcPolicy policy = dmarcResult.policy();
            if (policy == DmarcPolicy.REJECT && dmarc() == Action.REJECT) {
                decision = decision.and(Decision.refuse(550, "5.7.1",
                        "rejected by the DMARC policy of " + dmarcResult.fromDomain()));
            } else if (policy != DmarcPolicy.NONE && dmarc() != Action.IGNORE) {
                decision = decision.and(Decision.quarantine("DMARC policy of " + dmarcResult.fromDomain()));
            }
        } else if (dmarcResult.result() == DmarcResult.TEMPERROR && dmarc() == Action.REJECT) {
            decision = decision.and(Decision.refuse(451, "4.7.1", "DMARC check failed temporarily, try again later"));
        }
        return decision;
    }

    private static Decision act(Action action, int code, String status, String text) {
        return switch (action) {
            case REJECT -> Decision.refuse(code, status, text);
            case QUARANTINE -> Decision.quarantine(text);
            case IGNORE -> Decision.ACCEPT;
        };
    }

    private static String explanation(SpfOutput spf) {
        return spf.explanation().isEmpty() ? "" : ": " + spf.explanation();
    }
}
