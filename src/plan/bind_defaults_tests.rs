#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::*;
use crate::compose::ast::{BindSource, DirFile, FileContent};

fn files() -> Vec<DirFile> {
    vec![DirFile {
        path: "app.conf".into(),
        content: FileContent::Text("a = 1\n".into()),
    }]
}

/// Which rule a decision is, by name, for the table.
fn rule(d: &Decision) -> &'static str {
    match d {
        Decision::Mapped => "mapped",
        Decision::File(_) => "file",
        Decision::Host(_) => "host",
        Decision::SourceCode(_) => "source",
        Decision::Sensitive(_) => "sensitive",
        Decision::Config { runs: false, .. } => "config",
        Decision::Config { runs: true, .. } => "scripts",
        Decision::NotShipped { .. } => "not-shipped",
        Decision::UnreadFile(_) => "unread-file",
        Decision::ReadOnlyUnread(_) => "not-mounted-read-only",
        Decision::Data {
            why: None,
            context: None,
        } => "data",
        Decision::Data {
            why: None,
            context: Some(_),
        } => "data-maybe-source",
        Decision::Data { why: Some(_), .. } => "data-because",
        Decision::Unknown => "unknown",
    }
}

#[test]
fn rules_in_order() {
    let dir = BindSource::Directory(Ok(files()));
    let too_big = BindSource::Directory(Err("it holds more than 128 files".into()));
    let text = BindSource::File(FileContent::Text("x".into()));
    let missing = BindSource::Missing;
    let outside = BindSource::Outside;
    let sensitive = BindSource::Sensitive {
        why: "`./tls/server.key` looks like credentials (a private key)".into(),
        dir: false,
    };
    let sensitive_dir = BindSource::Sensitive {
        why: "`sub/signing.asc` looks like credentials".into(),
        dir: true,
    };
    let huge = BindSource::Unusable("it is 5000000 bytes, over the 1 MiB a ConfigMap holds".into());
    // source, target, read-only, attached, build contexts, watch paths, mapped → rule
    #[allow(clippy::type_complexity)]
    let cases: &[(
        &str,
        &str,
        bool,
        Option<&BindSource>,
        &[&str],
        &[&str],
        bool,
        &str,
    )] = &[
        // 1: a mapping wins over everything.
        (
            "./conf",
            "/etc/app",
            true,
            Some(&dir),
            &[],
            &[],
            true,
            "mapped",
        ),
        (
            "/var/run/docker.sock",
            "/var/run/docker.sock",
            false,
            Some(&outside),
            &[],
            &[],
            true,
            "mapped",
        ),
        // 2: a text file under the project.
        (
            "./nginx.conf",
            "/etc/nginx/nginx.conf",
            true,
            Some(&text),
            &["."],
            &[],
            false,
            "file",
        ),
        // 3: host integration.
        (
            "/var/run/docker.sock",
            "/var/run/docker.sock",
            false,
            Some(&outside),
            &["."],
            &[],
            false,
            "host",
        ),
        (
            "/dev/dri",
            "/dev/dri",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "host",
        ),
        (
            "/etc/localtime",
            "/etc/localtime",
            true,
            Some(&outside),
            &[],
            &[],
            false,
            "host",
        ),
        (
            "/etc/pihole/",
            "/etc/pihole/",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "host",
        ),
        // 4: source code in the build context or a watch path.
        (
            "./vote",
            "/usr/local/app",
            false,
            Some(&missing),
            &["./vote"],
            &[],
            false,
            "source",
        ),
        (
            "./backend/src",
            "/code/src",
            true,
            Some(&dir),
            &["backend"],
            &[],
            false,
            "source",
        ),
        (
            ".",
            "/code",
            false,
            Some(&dir),
            &["."],
            &[],
            false,
            "source",
        ),
        // A writable subdirectory of the context `.` is data that may be source.
        (
            "./data",
            "/data",
            false,
            Some(&dir),
            &["."],
            &[],
            false,
            "data-maybe-source",
        ),
        (
            "./user_data",
            "/app/user_data",
            false,
            Some(&missing),
            &["."],
            &[],
            false,
            "data-maybe-source",
        ),
        // Read-only, or the context itself, or inside a context other than `.`: source.
        (
            "./src",
            "/app/src",
            true,
            Some(&dir),
            &["."],
            &[],
            false,
            "source",
        ),
        (
            "./vote/app",
            "/app",
            false,
            Some(&dir),
            &["./vote"],
            &[],
            false,
            "source",
        ),
        // A watch path wins over the data reading of `.`.
        (
            "./web",
            "/app/web",
            false,
            Some(&dir),
            &["."],
            &["./web"],
            false,
            "source",
        ),
        (
            "./src",
            "/app/src",
            false,
            Some(&dir),
            &[],
            &["./src/"],
            false,
            "source",
        ),
        (
            "./src/lib",
            "/app/src/lib",
            false,
            Some(&dir),
            &[],
            &["."],
            false,
            "source",
        ),
        (
            "../shared",
            "/shared",
            false,
            Some(&dir),
            &["."],
            &[],
            false,
            "data",
        ),
        (
            "./vote-data",
            "/data",
            false,
            Some(&dir),
            &["./vote"],
            &[],
            false,
            "data",
        ),
        (
            "/mnt/data",
            "/data",
            false,
            Some(&outside),
            &["."],
            &[],
            false,
            "data",
        ),
        // A credential-like file is never copied.
        (
            "./tls/server.key",
            "/etc/tls/server.key",
            true,
            Some(&sensitive),
            &[],
            &[],
            false,
            "sensitive",
        ),
        (
            "./conf",
            "/etc/app",
            true,
            Some(&sensitive_dir),
            &[],
            &[],
            false,
            "sensitive",
        ),
        // A writable data directory holding a credential copies nothing: an empty claim.
        (
            "./data",
            "/data",
            false,
            Some(&sensitive_dir),
            &[],
            &[],
            false,
            "data",
        ),
        // 5: configuration directories.
        (
            "./conf",
            "/config",
            true,
            Some(&dir),
            &[],
            &[],
            false,
            "config",
        ),
        (
            "./prometheus",
            "/etc/prometheus",
            false,
            Some(&dir),
            &[],
            &[],
            false,
            "config",
        ),
        (
            "./conf",
            "/config",
            true,
            Some(&too_big),
            &[],
            &[],
            false,
            "not-mounted-read-only",
        ),
        (
            "./conf",
            "/etc/app",
            false,
            Some(&too_big),
            &[],
            &[],
            false,
            "data-because",
        ),
        (
            "./conf",
            "/config",
            true,
            Some(&missing),
            &[],
            &[],
            false,
            "not-shipped",
        ),
        (
            "./conf",
            "/etc/app",
            false,
            Some(&missing),
            &[],
            &[],
            false,
            "data-because",
        ),
        (
            "/srv/conf",
            "/etc/app",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "data-because",
        ),
        (
            "~/conf",
            "/config",
            true,
            Some(&outside),
            &[],
            &[],
            false,
            "not-mounted-read-only",
        ),
        (
            "./conf",
            "/config",
            true,
            None,
            &[],
            &[],
            false,
            "not-mounted-read-only",
        ),
        // A single file that was not read: no claim at a file's path.
        (
            "/srv/ch/logs.xml",
            "/etc/clickhouse-server/config.d/logs.xml",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "unread-file",
        ),
        (
            "./nginx.log",
            "/home/nginx.log",
            false,
            Some(&missing),
            &[],
            &[],
            false,
            "unread-file",
        ),
        (
            "/etc/dnsmasq.d/",
            "/etc/dnsmasq.d",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "host",
        ),
        (
            "/srv/conf.d",
            "/etc/app/conf.d",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "data-because",
        ),
        // 6: data.
        (
            "./data",
            "/data",
            false,
            Some(&dir),
            &[],
            &[],
            false,
            "data",
        ),
        (
            "./data",
            "/data",
            false,
            Some(&missing),
            &[],
            &[],
            false,
            "data",
        ),
        (
            "/mnt/docker-volumes/app/media",
            "/media",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "data",
        ),
        (
            "~/minecraft_data",
            "/data",
            false,
            Some(&outside),
            &[],
            &[],
            false,
            "data",
        ),
        // A file too large for a ConfigMap is not mounted, whatever its name.
        (
            "./GeoLite2-City.mmdb",
            "/usr/share/GeoIP/GeoLite2-City.mmdb",
            true,
            Some(&huge),
            &[],
            &[],
            false,
            "unread-file",
        ),
        (
            "./model",
            "/models/model",
            false,
            Some(&huge),
            &[],
            &[],
            false,
            "unread-file",
        ),
        ("", "/x", false, None, &[], &[], false, "unknown"),
    ];
    for (source, target, read_only, attached, contexts, watches, mapped, want) in cases {
        let facts = Facts {
            source,
            target,
            read_only: *read_only,
            attached: *attached,
            contexts: contexts.iter().map(|s| s.to_string()).collect(),
            watches: watches.iter().map(|s| s.to_string()).collect(),
            mapped: *mapped,
            runs: false,
        };
        assert_eq!(
            rule(&decide(&facts)),
            *want,
            "{source} → {target} (ro: {read_only})"
        );
    }
}

#[test]
fn scripts_the_service_runs() {
    let dir = BindSource::Directory(Ok(files()));
    let missing = BindSource::Missing;
    // source, attached, runs → rule
    let cases: &[(&str, &BindSource, bool, &str)] = &[
        ("./healthchecks", &dir, true, "scripts"),
        ("./healthchecks", &missing, true, "not-shipped"),
        ("./healthchecks", &dir, false, "data"),
        ("./healthchecks", &missing, false, "data"),
    ];
    for (source, attached, runs, want) in cases {
        let facts = Facts {
            source,
            target: "/healthchecks",
            read_only: false,
            attached: Some(attached),
            contexts: Vec::new(),
            watches: Vec::new(),
            mapped: false,
            runs: *runs,
        };
        assert_eq!(rule(&decide(&facts)), *want, "{source} (runs: {runs})");
    }
}

#[test]
fn binary_file_is_a_config_map() {
    let binary = BindSource::File(FileContent::Binary(vec![0xff, 0xfe]));
    let facts = Facts {
        source: "./GeoLite2-City.mmdb",
        target: "/usr/share/GeoIP/GeoLite2-City.mmdb",
        read_only: true,
        attached: Some(&binary),
        contexts: Vec::new(),
        watches: Vec::new(),
        mapped: false,
        runs: false,
    };
    let Decision::File(content) = decide(&facts) else {
        panic!("not a file")
    };
    let (key, (data, binary)) = super::bind_file::data(facts.source, content);
    assert_eq!(key, "GeoLite2-City.mmdb");
    assert!(data.is_empty());
    assert_eq!(binary.get(&key), Some(&vec![0xff, 0xfe]));
}

#[test]
fn paths() {
    for (path, dir, yes) in [
        ("./a/b", "a", true),
        ("a/b", "./a/", true),
        ("./a", "./a", true),
        ("./ab", "./a", false),
        ("./a/../b", "./a", false),
        ("../x", ".", false),
        ("../x/y", "../x", true),
        ("/srv/a", "/srv", true),
        ("/srv/a", ".", false),
        ("./a", "/srv", false),
    ] {
        assert_eq!(inside(path, dir), yes, "{path} in {dir}");
    }
    assert_eq!(normalise("./a/./b/"), "a/b");
    assert_eq!(normalise("./"), ".");
    assert_eq!(normalise("/a/../b"), "/b");
}

#[test]
fn names() {
    for (service, source, several, want) in [
        ("web", "./data", false, "web-data"),
        ("web", "./data", true, "data"),
        ("minecraft", "~/minecraft_data", false, "minecraft-data"),
        ("redis", "/mnt/v/redis", false, "redis"),
        ("db", "/mnt/v/database/", false, "db-database"),
        ("web", ".", false, "web-files"),
        ("app", "./.config", false, "app-config"),
        ("app", "./.config", true, "config"),
    ] {
        assert_eq!(claim_name_for(service, source, several), want, "{source}");
    }
    for (name, yes) in [
        ("logs.xml", true),
        ("./nginx.log", true),
        ("conf.d", false),
        ("./data", false),
        ("./data/", false),
        (".env", false),
        ("v1.2", false),
    ] {
        assert_eq!(looks_like_file(name), yes, "{name}");
    }
}

#[test]
fn programs_run() {
    let argv = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        shell_programs("/healthchecks/redis.sh"),
        ["/healthchecks/redis.sh"]
    );
    assert_eq!(
        shell_programs("sh /scripts/a.sh && /bin/check --x /etc/y"),
        ["/scripts/a.sh", "/bin/check"]
    );
    assert_eq!(
        exec_programs(&argv(&["/bin/sh", "-c", "/opt/run.sh; echo ok"])),
        ["/opt/run.sh", "echo"]
    );
    assert_eq!(
        exec_programs(&argv(&["--config.file=/etc/prometheus/prometheus.yml"])),
        ["--config.file=/etc/prometheus/prometheus.yml"]
    );
    assert!(exec_programs(&[]).is_empty());
}

/// Plans the project in `dir` (its `compose.yaml`), reading its files.
fn plan_dir(dir: &std::path::Path) -> crate::ir::Migration {
    use crate::compose::load::{Input, LoadOptions};
    let mut options = LoadOptions::new(Input::Files(vec![dir.join("compose.yaml")]));
    options.working_dir = dir.to_path_buf();
    crate::plan::test_support::plan_loaded(&options).0
}

#[test]
fn services_share_a_config_directory() {
    let dir = crate::compose::load::test_dir::TestDir::new("bind-shared-config");
    dir.write("config/app.conf", "a = 1\n");
    dir.write("other/app.conf", "b = 2\n");
    dir.write(".config/x.conf", "x\n");
    dir.write(
        "compose.yaml",
        "services:\n  web:\n    image: a\n    volumes: ['./config:/etc/app:ro', './.config:/etc/x:ro']\n  worker:\n    image: b\n    volumes: ['./config/:/etc/worker:ro', './other:/etc/other:ro']\n",
    );
    let m = plan_dir(dir.path());
    let names: Vec<&str> = m
        .config_maps
        .iter()
        .map(|c| c.value.name.as_str())
        .collect();
    // One `config` for both services; `.config` gives a valid name; `other` is one service's.
    assert_eq!(names, ["config", "web-config", "worker-other"]);
}

#[test]
fn many_data_mounts_are_planned_in_linear_time() {
    let dir = crate::compose::load::test_dir::TestDir::new("bind-many-claims");
    let mut yaml =
        String::from("volumes:\n  d1: {}\nservices:\n  app:\n    image: a\n    volumes:\n");
    for i in 0..3000 {
        yaml.push_str(&format!("      - ./d{i}:/d{i}\n"));
    }
    dir.write("compose.yaml", &yaml);
    let started = std::time::Instant::now();
    let m = plan_dir(dir.path());
    assert_eq!(m.claims.len(), 3000);
    // `d1` is a named volume's: the bind source's claim takes another name.
    assert!(m.claims.iter().any(|c| c.value.name == "app-d1"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
