package dev.mailwright.imap.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.net.Input;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command assembly: literal forms, continuations, sizes and spooling. */
class CommandReaderTest {

    @TempDir
    Path spool;

    private final Input input = new Input();
    private final List<String> continuations = new ArrayList<>();
    private boolean authenticated = true;
    private boolean literalMinus;

    private CommandReader reader(int spoolThreshold) {
        return new CommandReader(1000, 10_000, spoolThreshold, spool, new CommandReader.Policy() {
            @Override
            public long maxLiteral(String commandName) {
                return commandName.equals("APPEND") ? 1_000_000 : 2000;
            }

            @Override
            public boolean authenticated() {
                return authenticated;
            }

            @Override
            public boolean literalMinus() {
                return literalMinus;
            }

            @Override
            public void continueLiteral() {
                continuations.add("+");
            }
        });
    }

    private CommandReader.Result feed(CommandReader reader, String text) {
        input.append(text.getBytes(StandardCharsets.ISO_8859_1));
        return reader.read(input);
    }

    @Test
    void synchronizingLiteralAsksToContinueAndJoinsTheLines() throws Exception {
        CommandReader reader = reader(100);
        assertThat(feed(reader, "a1 LOGIN {5}\r\n")).isNull();
        assertThat(continuations).hasSize(1);
        CommandReader.Complete done = (CommandReader.Complete) feed(reader, "alice {6+}\r\nsecret\r\n");
        assertThat(continuations).hasSize(1);
        RawCommand command = done.command();
        assertThat(command.tag()).isEqualTo("a1");
        assertThat(command.name()).isEqualTo("LOGIN");
        Arguments args = new Arguments(command);
        args.sp();
        assertThat(args.astring()).isEqualTo("alice");
        args.sp();
        assertThat(args.astring()).isEqualTo("secret");
        args.end();
    }

    @Test
    void largeLiteralsAreSpooledAndBinaryOnesMarked() throws Exception {
        CommandReader reader = reader(10);
        String message = "x".repeat(500);
        CommandReader.Complete done = (CommandReader.Complete) feed(reader, "a APPEND INBOX ~{500+}\r\n" + message + "\r\n");
        Literal literal = done.command().literals().get(0);
        assertThat(literal.binary()).isTrue();
        assertThat(literal.size()).isEqualTo(500);
        assertThat(new String(literal.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo(message);
        assertThat(literal.content()).isInstanceOf(dev.mailwright.core.MessageContent.FileBacked.class);
        assertThat(((dev.mailwright.core.MessageContent.FileBacked) literal.content()).file().getParent()).isEqualTo(spool);
        done.command().release();
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void sizesAreCheckedWhenAnnounced() {
        CommandReader reader = reader(100);
        CommandReader.Refused tooBig = (CommandReader.Refused) feed(reader, "b SEARCH TEXT {3000}\r\n");
        assertThat(tooBig.response()).isEqualTo("BAD [TOOBIG] Literal larger than the limit of 2000 bytes");
        assertThat(tooBig.close()).isFalse();
        assertThat(continuations).isEmpty();
        CommandReader.Refused outOfRange = (CommandReader.Refused) feed(reader, "c LOGIN {99999999999}\r\n");
        assertThat(outOfRange.response()).isEqualTo("BAD Literal size out of range");
        literalMinus = true;
        CommandReader.Refused minus = (CommandReader.Refused) feed(reader, "d APPEND INBOX {4097+}\r\n");
        assertThat(minus.response()).isEqualTo("BAD [TOOBIG] Literal larger than the limit of 4096 bytes");
        authenticated = false;
        CommandReader.Refused preAuth = (CommandReader.Refused) feed(reader, "x".repeat(4097) + "\r\ne LOGIN {5000+}\r\n");
        assertThat(preAuth.tag()).isEqualTo("e");
        assertThat(preAuth.close()).isTrue();
    }

    @Test
    void theCommandTotalIsBounded() {
        CommandReader reader = reader(100);
        StringBuilder b = new StringBuilder("f SEARCH");
        for (int i = 0; i < 6; i++) {
            b.append(" TEXT {1900+}\r\n").append("y".repeat(1900));
        }
        CommandReader.Refused refused = (CommandReader.Refused) feed(reader, b + "\r\n");
        assertThat(refused.response()).startsWith("BAD [TOOBIG] Literal larger than the limit of");
    }
}
