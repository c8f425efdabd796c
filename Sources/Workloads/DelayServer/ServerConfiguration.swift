/// The limits a `DelayServer` enforces on each connection.
struct ServerConfiguration: Sendable {
    /// The port clients see, for the "url" field of a response.
    var port: Int
    /// How long a connection may take to send a request head (and how long an
    /// idle keep-alive connection is kept).
    var headerTimeoutNanoseconds: UInt64
    /// Largest request head (request line and headers); larger gets 431.
    var maximumHeaderBytes: Int
    /// Largest request body accepted (and discarded); larger gets 413.
    var maximumBodyBytes = 1 << 20
}
