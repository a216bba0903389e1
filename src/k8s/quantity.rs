//! Resource quantities in their canonical Kubernetes spelling (`500m`, `2`, `512Mi`, `1Gi`).
//! k8s-openapi's `Quantity` is a plain string, so the formatting is ours.

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

/// Millicores: whole cores without a suffix, otherwise `m`.
pub fn cpu(millis: u64) -> Quantity {
    if millis.is_multiple_of(1000) {
        Quantity((millis / 1000).to_string())
    } else {
        Quantity(format!("{millis}m"))
    }
}

/// Bytes in the largest binary unit that divides them exactly, else plain bytes.
pub fn bytes(n: u64) -> Quantity {
    const UNITS: &[(&str, u64)] = &[
        ("Ei", 1 << 60),
        ("Pi", 1 << 50),
        ("Ti", 1 << 40),
        ("Gi", 1 << 30),
        ("Mi", 1 << 20),
        ("Ki", 1 << 10),
    ];
    for (suffix, size) in UNITS {
        if n >= *size && n.is_multiple_of(*size) {
            return Quantity(format!("{}{suffix}", n / size));
        }
    }
    Quantity(n.to_string())
}

pub fn count(n: u64) -> Quantity {
    Quantity(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_spellings() {
        assert_eq!(cpu(500).0, "500m");
        assert_eq!(cpu(2000).0, "2");
        assert_eq!(cpu(1500).0, "1500m");
        assert_eq!(bytes(512 << 20).0, "512Mi");
        assert_eq!(bytes(1536 << 20).0, "1536Mi");
        assert_eq!(bytes(2 << 30).0, "2Gi");
        assert_eq!(bytes(1000).0, "1000");
        assert_eq!(bytes(0).0, "0");
    }
}
