//! CronJobs (`x-kubernetes.kind: CronJob`) and the Job settings of `x-kubernetes.job`.

use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, JobSpec, JobTemplateSpec};

use super::deployment::metadata;
use super::{pod, Object};
use crate::ir::{JobSettings, Migration, Workload};

pub fn cronjob(m: &Migration, w: &Workload, schedule: &str, backoff_limit: i32) -> Object {
    let mut template = pod::template(m, w);
    if let Some(spec) = template.spec.as_mut() {
        // As for a Job: retries restart the container in place, as Docker's on-failure does.
        spec.restart_policy = Some(
            if backoff_limit > 0 {
                "OnFailure"
            } else {
                "Never"
            }
            .to_string(),
        );
    }
    let mut job = JobSpec {
        backoff_limit: Some(backoff_limit),
        template,
        ..Default::default()
    };
    settings(&w.job, &mut job);
    Object::CronJob(Box::new(CronJob {
        metadata: metadata(m, w),
        spec: Some(CronJobSpec {
            schedule: schedule.to_string(),
            concurrency_policy: w.job.concurrency_policy.clone(),
            job_template: JobTemplateSpec {
                metadata: None,
                spec: Some(job),
            },
            ..Default::default()
        }),
        status: None,
    }))
}

pub fn settings(s: &JobSettings, job: &mut JobSpec) {
    job.ttl_seconds_after_finished = s.ttl_seconds_after_finished;
    job.active_deadline_seconds = s.active_deadline_seconds;
}
