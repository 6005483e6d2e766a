/**
 * The examples jar's entry point, compiled for Java 8 so that any JVM can run it far enough to say
 * that Weft needs a newer one.
 */
package dev.weft.examples.launcher;
