#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes a `bench-worker payload` child sends back: a pattern both sides
/// compute, so the parent can check every byte it received.
public enum Payload {
    /// Byte `index` of the payload with `seed` (each child gets its own seed).
    @inline(__always)
    public static func byte(at index: Int, seed: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: index &* 31 &+ seed &* 7 &+ (index >> 8))
    }

    /// Writes `count` bytes of the pattern to `fd`, 64 KiB at a time; false if a write failed.
    public static func write(count: Int, seed: Int, to fd: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var sent = 0
        while sent < count {
            let length = min(chunk.count, count - sent)
            for offset in 0..<length { chunk[offset] = byte(at: sent + offset, seed: seed) }
            var done = 0
            while done < length {
                let written = chunk.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, length - done) }
                if written > 0 { done += written } else if written < 0 && errno == EINTR { continue } else { return false }
            }
            sent += length
        }
        return true
    }

    /// Why `received` is not the payload of `count` bytes with `seed`, or nil when every byte matches.
    public static func mismatch(_ received: [UInt8], count: Int, seed: Int) -> String? {
        guard received.count == count else { return "received \(received.count) bytes, expected \(count)" }
        for index in received.indices where received[index] != byte(at: index, seed: seed) {
            return "byte \(index) is \(received[index]), expected \(byte(at: index, seed: seed))"
        }
        return nil
    }
}
