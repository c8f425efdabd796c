/// A complete HTTP/1.1 response.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header fields in arrival order; names as received.
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One header field.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension HTTPResponse {
    /// The first value of header `name`, compared case-insensitively.
    public func headerValue(_ name: String) -> String? {
        headers.value(named: name.lowercased())
    }
}
