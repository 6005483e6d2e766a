/** An in-process client that sends requests to a router without a socket, for tests. */
package dev.weft.router.test;
