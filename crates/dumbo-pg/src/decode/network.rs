//! Network addresses: `inet`, `cidr`, `macaddr`, `macaddr8`.

/// `inet`/`cidr` as `inet_out`/`cidr_out` print them: the mask length is shown for
/// `cidr` always and for `inet` only when it is not the full address width.
pub(super) fn inet_text(raw: &[u8], is_cidr_type: bool) -> Option<String> {
    let [family, bits, is_cidr, len, address @ ..] = raw else {
        return None;
    };
    let (mut out, max_bits) = match (family, address.len()) {
        (2, 4) => {
            let a = address;
            (format!("{}.{}.{}.{}", a[0], a[1], a[2], a[3]), 32)
        }
        (3, 16) => (ipv6_text(address.try_into().ok()?), 128),
        _ => return None,
    };
    if usize::from(*len) != address.len() || *bits > max_bits {
        return None;
    }
    if is_cidr_type || *is_cidr != 0 || *bits != max_bits {
        out.push_str(&format!("/{bits}"));
    }
    Some(out)
}

/// IPv6 text with the first longest run (two or more) of zero groups compressed
/// to `::`, and the last 32 bits in dotted form for `::a.b.c.d` and `::ffff:a.b.c.d`.
fn ipv6_text(bytes: &[u8; 16]) -> String {
    let mut words = [0u16; 8];
    for (i, word) in words.iter_mut().enumerate() {
        *word = u16::from_be_bytes([bytes[2 * i], bytes[2 * i + 1]]);
    }
    // The first longest run of zero words, if at least two long.
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let mut i = 0;
    while i < 8 {
        if words[i] == 0 {
            let start = i;
            while i < 8 && words[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best_start = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best_len = 0;
    }
    let in_run = |i: usize| best_len > 0 && i >= best_start && i < best_start + best_len;

    let mut out = String::with_capacity(39);
    for (i, word) in words.iter().enumerate() {
        if in_run(i) {
            if i == best_start {
                out.push(':');
            }
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        let embedded_v4 = i == 6
            && best_len > 0
            && best_start == 0
            && (best_len == 6 || (best_len == 5 && words[5] == 0xffff));
        if embedded_v4 {
            out.push_str(&format!(
                "{}.{}.{}.{}",
                bytes[12], bytes[13], bytes[14], bytes[15]
            ));
            return out;
        }
        out.push_str(&format!("{word:x}"));
    }
    if best_len > 0 && best_start + best_len == 8 {
        out.push(':');
    }
    out
}

pub(super) fn mac_text(raw: &[u8]) -> Option<String> {
    if raw.len() != 6 && raw.len() != 8 {
        return None;
    }
    let parts: Vec<String> = raw.iter().map(|b| format!("{b:02x}")).collect();
    Some(parts.join(":"))
}
