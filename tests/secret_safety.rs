#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

//! Secret safety: credential values never appear in what compose2k8s says about them, and
//! secret data lands only in Secrets, and only with `--embed-secrets`.

use std::collections::BTreeMap;
use std::path::Path;

use compose2k8s::convert::{convert, Conversion, Input, Options};
use compose2k8s::diag::render::{self, HumanStyle};
use compose2k8s::diag::Code;
use compose2k8s::k8s::Object;

fn case(name: &str, env: &[(&str, &str)], embed: bool) -> Conversion {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name);
    let mut options = Options::new(Input::Files(vec![dir.join("compose.yaml")]));
    options.load.working_dir = dir.clone();
    options.load.environment = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<BTreeMap<_, _>>();
    options.plan.embed_secrets = embed;
    let conversion = convert(&options);
    assert!(!conversion.has_errors(), "{:#?}", conversion.diagnostics);
    conversion
}

const SECRET_ENV: &[(&str, &str)] = &[
    ("API_TOKEN", "tok-0123456789abcdef"),
    ("APP_SECRET_KEY", "skb-fedcba9876543210"),
    ("PUBLIC_TOKEN_HINT", "see-the-wiki"),
];

/// Every form a value could take in the output.
fn forms(value: &str) -> [String; 2] {
    [value.to_string(), base64(value.as_bytes())]
}

/// Standard base64 with padding, as Secret `data` holds it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn base64_is_standard() {
    assert_eq!(base64(b"ab"), "YWI=");
    assert_eq!(base64(b"abc"), "YWJj");
    assert_eq!(base64(b"a"), "YQ==");
}

#[test]
fn credential_values_are_never_echoed() {
    let c = case("security-opts", &[], false);
    let credentials: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::CredentialInEnvironment)
        .collect();
    assert_eq!(credentials.len(), 2, "{:#?}", c.diagnostics);
    for value in ["hunter2-not-echoed", "tok-9f8e7d-not-echoed"] {
        for d in &c.diagnostics {
            let json = render::json_line(d, &c.sources);
            assert!(!json.contains(value), "JSON echoes `{value}`: {json}");
            // The human report quotes the user's own file around the span; what compose2k8s
            // itself says (message, labels, help) must not hold the value.
            let human = render::human(d, &c.sources, HumanStyle::PLAIN);
            let said: Vec<&str> = human.lines().filter(|l| !l.contains('│')).collect();
            assert!(
                said.iter().all(|l| !l.contains(value)),
                "the report echoes `{value}`: {human}"
            );
            let labels = d.primary.iter().chain(&d.secondary).map(|l| &l.text);
            for text in std::iter::once(&d.message).chain(labels).chain(&d.help) {
                assert!(!text.contains(value), "`{text}` echoes `{value}`");
            }
        }
    }
}

#[test]
fn secrets_are_referenced_by_default() {
    let c = case("secrets-embedded", SECRET_ENV, false);
    assert!(!c.objects.iter().any(|o| matches!(o, Object::Secret(_))));
    let yaml = serde_json::to_string(&c.objects).unwrap();
    for secret in ["correct-horse-battery-staple", "tok-0123456789abcdef"] {
        for form in forms(secret) {
            assert!(!yaml.contains(&form), "`{secret}` is in the output");
        }
    }
}

#[test]
fn embedded_secrets_are_only_in_secrets() {
    let c = case("secrets-embedded", SECRET_ENV, true);
    let secrets: Vec<_> = c
        .objects
        .iter()
        .filter_map(|o| match o {
            Object::Secret(s) => Some(s),
            _ => None,
        })
        .collect();
    // `registry` is external: still only referenced.
    let names: Vec<_> = secrets
        .iter()
        .map(|s| s.metadata.name.clone().unwrap())
        .collect();
    // `SECRET_KEY_BASE: ${APP_SECRET_KEY}` came from the environment: service `app`'s credentials.
    assert_eq!(names, ["api-token", "app-credentials", "db-password"]);
    let data = |name: &str| {
        let s = secrets
            .iter()
            .find(|s| s.metadata.name.as_deref() == Some(name))
            .unwrap();
        s.data.as_ref().unwrap().values().next().unwrap().0.clone()
    };
    assert_eq!(data("db-password"), b"correct-horse-battery-staple\n");
    assert_eq!(data("api-token"), b"tok-0123456789abcdef");
    assert_eq!(data("app-credentials"), b"skb-fedcba9876543210");
    // No secret value in any other object, ConfigMaps above all.
    for o in c.objects.iter().filter(|o| !matches!(o, Object::Secret(_))) {
        let text = serde_json::to_string(o).unwrap();
        for secret in [
            "correct-horse-battery-staple",
            "tok-0123456789abcdef",
            "skb-fedcba9876543210",
        ] {
            for form in forms(secret) {
                assert!(!text.contains(&form), "`{secret}` is in {}", o.kind());
            }
        }
    }
    // A config interpolating a credential-named variable is still a config: a ConfigMap.
    let config_maps: Vec<_> = c
        .objects
        .iter()
        .filter_map(|o| match o {
            Object::ConfigMap(m) => Some(m),
            _ => None,
        })
        .collect();
    assert!(config_maps.iter().any(|m| m
        .data
        .as_ref()
        .is_some_and(|d| d.values().any(|v| v == "public-note see-the-wiki"))));
    // The embedding is said, without the values.
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::SecretEmbedded)
    {
        let json = render::json_line(d, &c.sources);
        for secret in ["correct-horse-battery-staple", "tok-0123456789abcdef"] {
            assert!(!json.contains(secret));
        }
    }
}

#[test]
fn bind_mounted_credentials_are_never_copied() {
    // `tls/wg0.conf` holds a WireGuard key, `.env.local` a password: neither directory nor file
    // may become a ConfigMap, and what is said about them names the files only.
    let c = case("bind-mount-defaults", &[], false);
    let text = serde_json::to_string(&c.objects).unwrap();
    for value in ["fake-wg-key-not-echoed", "hunter2-not-echoed"] {
        for form in forms(value) {
            assert!(!text.contains(&form), "`{value}` is in the output");
        }
        for d in &c.diagnostics {
            let json = render::json_line(d, &c.sources);
            assert!(!json.contains(value), "`{value}` is said: {json}");
        }
    }
    let refused: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::BindMount)
        .filter_map(|d| d.primary.as_ref().map(|l| l.text.clone()))
        .filter(|l| l.contains("credentials"))
        .collect();
    assert!(
        refused.iter().any(|l| l.contains("`wg0.conf`")),
        "{refused:#?}"
    );
    assert!(
        refused.iter().any(|l| l.contains("`./.env.local`")),
        "{refused:#?}"
    );
}

#[test]
fn credentials_from_outside_the_compose_files_are_withheld() {
    // From `.env`, from an `env_file`, from the shell (a value-less entry), and from a pre_start
    // step's own environment; none may reach the manifests or what is said about them.
    let c = case(
        "credentials-withheld",
        &[("SESSION_SECRET", "shell-session-not-echoed")],
        false,
    );
    let values = [
        "dotenv-db-pass-not-echoed",
        "env-file-token-not-echoed",
        "shell-session-not-echoed",
        "step-token-not-echoed",
    ];
    let text = serde_json::to_string(&c.objects).unwrap();
    for value in values {
        for form in forms(value) {
            assert!(!text.contains(&form), "`{value}` is in the output");
        }
        for d in &c.diagnostics {
            let json = render::json_line(d, &c.sources);
            assert!(!json.contains(value), "`{value}` is said: {json}");
            let human = render::human(d, &c.sources, HumanStyle::PLAIN);
            assert!(!human.contains(value), "`{value}` is shown: {human}");
        }
    }
    assert!(!c.objects.iter().any(|o| matches!(o, Object::Secret(_))));
    assert!(c
        .diagnostics
        .iter()
        .any(|d| d.code == Code::CredentialWithheld));
    // A credential interpolated into a command cannot be taken out of it: it is reported.
    assert!(c
        .diagnostics
        .iter()
        .any(|d| d.code == Code::CredentialInCommand && d.message.contains("`CHECK_PASSWORD`")));
    // What is not a credential, and what the Compose file itself says, stays as it was.
    assert!(text.contains("dotenv-log-level"));
    assert!(text.contains("written-in-compose-file"));

    // With `--embed-secrets`, the values are in one Secret, and only there.
    let c = case(
        "credentials-withheld",
        &[("SESSION_SECRET", "shell-session-not-echoed")],
        true,
    );
    for o in &c.objects {
        let text = serde_json::to_string(o).unwrap();
        let is_secret = matches!(o, Object::Secret(_));
        for value in values {
            let found = forms(value).iter().any(|f| text.contains(f.as_str()));
            assert!(
                !found || is_secret,
                "`{value}` is in {} outside a Secret",
                o.kind()
            );
        }
    }
}
