/** The typed router: routes, extractor and handler contracts, responses from plain values, problems and errors. */
package dev.weft.router;
