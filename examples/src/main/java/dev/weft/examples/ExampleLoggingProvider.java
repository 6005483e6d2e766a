package dev.weft.examples;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;

import org.slf4j.spi.MDCAdapter;

/**
 * Logback, configured by {@link ConsoleLogging} directly. {@link Main} names this class as the
 * SLF4J provider (the {@value #PROVIDER_PROPERTY} property, unless the command line set one), so
 * SLF4J need not scan the class path for providers and logback need not auto-configure: its
 * auto-configuration looks its configurators up as services, checks its versions and records how
 * long each step took, which costs a dozen classes generated at run time before the first log
 * line. A file given with {@code -Dlogback.configurationFile} still wins: then logback
 * auto-configures as usual and reads it.
 */
public final class ExampleLoggingProvider extends LogbackServiceProvider {
    /** The system property by which SLF4J 2 takes an explicit provider. */
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    /** SLF4J's own reporting threshold; it reports an explicit provider at INFO on standard error. */
    static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    /** Public and without parameters, as SLF4J requires. */
    public ExampleLoggingProvider() {
    }

    /**
     * Makes this class SLF4J's provider, unless the command line chose one. Call before any logger
     * is created. SLF4J would then say at every start, on standard error, that it loads the
     * provider named by the property; that is our own choice, not news, so its reports are limited
     * to warnings and errors (unless the command line set the verbosity too).
     */
    static void select() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, ExampleLoggingProvider.class.getName());
            if (System.getProperty(VERBOSITY_PROPERTY) == null) {
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        if (System.getProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY) != null) {
            super.initialize();
            return;
        }
        // What LogbackServiceProvider.initialize does, with ConsoleLogging in place of auto-configuration.
        LoggerContext context = (LoggerContext) getLoggerFactory();
        context.setName("default");
        context.setMDCAdapter((MDCAdapter) getMDCAdapter());
        ConsoleLogging configurator = new ConsoleLogging();
        configurator.setContext(context);
        configurator.configure(context);
        context.start();
    }
}
