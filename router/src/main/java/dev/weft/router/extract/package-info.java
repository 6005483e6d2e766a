/** The built-in extractors: values taken from a request's path, query, headers, cookies, body, state and connection. */
package dev.weft.router.extract;
