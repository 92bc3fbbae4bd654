//! Facts about IPv4 addresses and blocks that do not depend on any network.

use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// Whether two blocks share any address.
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// RFC 1918 private space, plus RFC 6598 shared space (R11).
pub fn is_private(ip: Ipv4Addr) -> bool {
    ip.is_private() || is_shared(ip)
}

/// RFC 6598 shared address space, 100.64.0.0/10 (R11).
pub fn is_shared(ip: Ipv4Addr) -> bool {
    ip.octets()[0] == 100 && (ip.octets()[1] & 0xc0) == 64
}
