//! Default ports of official images, for services that others reach by name but that declare no
//! port. Only images whose port is fixed by the image itself belong here.

const TABLE: &[(&str, u16)] = &[
    ("redis", 6379),
    ("valkey", 6379),
    ("postgres", 5432),
    ("mysql", 3306),
    ("mariadb", 3306),
    ("mongo", 27017),
    ("memcached", 11211),
    ("rabbitmq", 5672),
    ("elasticsearch", 9200),
    ("opensearch", 9200),
    ("nats", 4222),
    ("zookeeper", 2181),
    ("cassandra", 9042),
    ("influxdb", 8086),
    ("couchdb", 5984),
    ("etcd", 2379),
    ("minio", 9000),
    ("clickhouse", 8123),
    ("prometheus", 9090),
    ("grafana", 3000),
    ("consul", 8500),
    ("vault", 8200),
];

/// The repository name of an image reference: `docker.io/library/redis:7.4-alpine` → `redis`.
pub fn repository(image: &str) -> &str {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    last.split(':').next().unwrap_or(last)
}

pub fn default_port(image: &str) -> Option<u16> {
    let repo = repository(image);
    TABLE
        .iter()
        .find(|(name, _)| *name == repo)
        .map(|(_, p)| *p)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn finds_ports_of_official_images() {
        assert_eq!(default_port("redis:7.4-alpine"), Some(6379));
        assert_eq!(
            default_port("docker.io/library/postgres:16@sha256:abc"),
            Some(5432)
        );
        assert_eq!(default_port("registry:5000/team/mysql"), Some(3306));
        assert_eq!(default_port("example/api:1"), None);
    }
}
