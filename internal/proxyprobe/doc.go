// Package proxyprobe tells whether a proxy lets a connection through: it
// dials the proxy and asks it to CONNECT to the target, as git (curl) and
// the AWS SDKs do for HTTPS, and says in words what happened — refused,
// accepted and never answered, 407 Proxy Authentication Required, 403 or
// 502 to CONNECT. It also works out which proxy the AWS SDK for Go uses
// for a URL (HTTPS_PROXY / HTTP_PROXY and NO_PROXY, as net/http does) from
// an injectable environment. Nothing here sends a request beyond CONNECT.
package proxyprobe
