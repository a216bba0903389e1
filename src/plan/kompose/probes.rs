//! `kompose.service.healthcheck.{readiness,liveness}.*` → `x-kubernetes.probes`.

use super::service::Reader;
use super::{slot, test_command, whole, Label};
use crate::extension::{Exec, ProbeSpec, TcpSocket};
use crate::ir::Workload;

impl Reader<'_> {
    fn probe_spec(&mut self, liveness: bool, l: Label) -> &mut ProbeSpec {
        let probes = slot(&mut self.ext.probes, l.at);
        let spec = if liveness {
            &mut probes.liveness
        } else {
            &mut probes.readiness
        };
        slot(spec, l.at)
    }

    pub(super) fn probe(&mut self, l: Label, w: &mut Workload) {
        let rest = l.key.trim_start_matches("kompose.service.healthcheck.");
        let (which, field) = rest.split_once('.').unwrap_or((rest, ""));
        let liveness = match which {
            "readiness" => false,
            "liveness" => true,
            _ => return self.notes.unknown(l),
        };
        let probe = which;
        let settled = self.settled(|e| e.probes.is_some());
        let value = l.value;
        let port = |v: &str| whole::<u16>(v, 1);
        match (liveness, field) {
            (false, "disable") => {
                if value.eq_ignore_ascii_case("true") {
                    self.notes.direct(l, "no readiness probe");
                    for c in &mut w.containers {
                        c.probes.readiness = None;
                    }
                }
            }
            (false, "test") => {
                let Some(argv) = test_command(value) else {
                    return self.notes.invalid(
                        l,
                        "a command: `[\"CMD\", \"prog\", \"arg\"]` or a shell string",
                    );
                };
                self.notes.read(l, "probes.readiness.exec.command", settled);
                self.probe_spec(false, l).exec = Some(l.s(Exec { command: l.s(argv) }));
            }
            (false, "interval" | "timeout" | "start_period") => {
                let Some(s) = crate::compose::ast::Duration::parse(value)
                    .ok()
                    .map(|d| i32::try_from(d.as_secs_ceil().max(1)).unwrap_or(i32::MAX))
                else {
                    return self.notes.invalid(l, "a duration such as `10s`");
                };
                let name = match field {
                    "interval" => "periodSeconds",
                    "timeout" => "timeoutSeconds",
                    _ => "initialDelaySeconds",
                };
                self.notes
                    .read(l, &format!("probes.readiness.{name}: {s}"), settled);
                let spec = self.probe_spec(false, l);
                let key = match field {
                    "interval" => &mut spec.period_seconds,
                    "timeout" => &mut spec.timeout_seconds,
                    _ => &mut spec.initial_delay_seconds,
                };
                *key = Some(l.s(s));
            }
            (false, "retries") => {
                let Some(n) = whole::<i32>(value, 1) else {
                    return self.notes.invalid(l, "a whole number above 0");
                };
                self.notes.read(
                    l,
                    &format!("probes.readiness.failureThreshold: {n}"),
                    settled,
                );
                self.probe_spec(false, l).failure_threshold = Some(l.s(n));
            }
            (_, "http_get_path") => {
                self.notes
                    .read(l, &format!("probes.{probe}.httpGet.path: {value}"), settled);
                let get = slot(&mut self.probe_spec(liveness, l).http_get, l.at);
                get.path = Some(l.s(value.to_string()));
            }
            (_, "http_get_port") => {
                let Some(p) = port(value) else {
                    return self.notes.invalid(l, "a port number");
                };
                self.notes
                    .read(l, &format!("probes.{probe}.httpGet.port: {p}"), settled);
                let get = slot(&mut self.probe_spec(liveness, l).http_get, l.at);
                get.port = l.s(p);
            }
            (_, "tcp_port") => {
                let Some(p) = port(value) else {
                    return self.notes.invalid(l, "a port number");
                };
                self.notes
                    .read(l, &format!("probes.{probe}.tcpSocket.port: {p}"), settled);
                self.probe_spec(liveness, l).tcp_socket = Some(l.s(TcpSocket { port: l.s(p) }));
            }
            _ => self.notes.unknown(l),
        }
    }

    /// An HTTP probe with a path only checks the Service's first port, as Kompose does.
    pub(super) fn probe_ports(&mut self, w: &mut Workload) {
        let first_port = w
            .exposure
            .as_ref()
            .and_then(|e| e.ports.first())
            .map(|p| p.value.target_port);
        let mut portless = None;
        if let Some(probes) = self.ext.probes.as_mut() {
            for spec in [&mut probes.value.readiness, &mut probes.value.liveness]
                .into_iter()
                .flatten()
            {
                let Some(get) = spec.value.http_get.as_mut() else {
                    continue;
                };
                if get.value.port.value != 0 {
                    continue;
                }
                match first_port {
                    Some(p) => get.value.port.value = p,
                    None => {
                        portless = Some(get.span);
                        spec.value.http_get = None;
                    }
                }
            }
        }
        if let Some(at) = portless {
            self.notes.invalid(
                Label {
                    key: "kompose.service.healthcheck.*.http_get_path",
                    value: "",
                    at,
                },
                "a port too (`…http_get_port`) on a service without `ports`",
            );
        }
    }
}
