/** Router internals: the radix tree, patterns, conversions, JSON and response plumbing; not exported. */
package dev.weft.router.internal;
