package dev.weft.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;

import java.io.PrintStream;

import org.slf4j.Logger;

/**
 * The examples' logging configuration, in code: one console appender at INFO writing
 * {@value ConsoleLayout#PATTERN}. The example server applies it through
 * {@link ExampleLoggingProvider}; logback also finds it through {@code META-INF/services} when it
 * auto-configures (another SLF4J provider chosen on the command line, tests). It replaces a
 * {@code logback.xml} because reading XML cost logback about 140 ms and 580 classes at startup
 * (the JDK's XML parser and Joran's model). A file given with {@code -Dlogback.configurationFile}
 * still wins: then this configurator steps aside and logback reads that file as usual.
 *
 * <p>Logback's own warnings and errors (an appender that fails, say) go to standard error as they
 * happen, through a status listener. Without a listener logback would print them itself after
 * configuring, but checking for them loads its status printer, whose date formatter alone costs
 * about 10 ms at startup.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The server's access log; off unless the server is started with {@code --access-log}. */
    static final String ACCESS_LOGGER = "dev.weft.access";
    /** A logback configuration file named on the command line, which takes precedence over this class. */
    static final String CONFIGURATION_FILE_PROPERTY = "logback.configurationFile";

    /** Public and without parameters, as {@link java.util.ServiceLoader} requires. */
    public ConsoleLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(CONFIGURATION_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        StatusManager statuses = context.getStatusManager();
        ProblemsToStderr problems = new ProblemsToStderr(System.err);
        for (Status earlier : statuses.getCopyOfStatusList()) {
            problems.addStatusEvent(earlier);
        }
        statuses.add(problems);

        context.getLogger(ACCESS_LOGGER).setLevel(Level.INFO);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Prints logback's warnings and errors, with their stack traces; information is dropped. */
    static final class ProblemsToStderr implements StatusListener {
        private final PrintStream out;

        ProblemsToStderr(PrintStream out) {
            this.out = out;
        }

        @Override
        public void addStatusEvent(Status status) {
            if (status.getLevel() < Status.WARN) {
                return;
            }
            out.println(status);
            if (status.getThrowable() != null) {
                status.getThrowable().printStackTrace(out);
            }
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }
    }
}
