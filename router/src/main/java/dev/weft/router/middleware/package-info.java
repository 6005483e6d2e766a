/** The built-in layers around a router: timeout, request id, CORS, compression, body limit, access log, catch-panic. */
package dev.weft.router.middleware;
