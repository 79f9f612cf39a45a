import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MIZAN_CONFIG, MizanConfig, REDIS } from '@mizan/server/core';
import { JOB_OPTIONS, JOB_QUEUE, JobItem, JobName, QueueName } from './job-names';

export interface JobProgressView {
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'missing';
  progress: number;
  failedReason: string | null;
  attemptsMade: number;
}

/** The api's side of the queues: adds jobs (idempotently by job id) and reads their progress. */
@Injectable()
export class JobProducer implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly logger = new Logger(JobProducer.name);

  constructor(
    @Inject(REDIS) private readonly connection: Redis,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.queuePrefix });
      // Redis trouble surfaces as 'error' on the queue; logged here, and the request that needed Redis fails on its own.
      queue.on('error', (error) => this.logger.error(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adding a job whose id already exists is a no-op in BullMQ: that is what makes re-submission idempotent. */
  async add(item: JobItem, jobId: string): Promise<Job> {
    const options = JOB_OPTIONS[item.name];
    return this.queue(JOB_QUEUE[item.name]).add(item.name, item.data, {
      jobId,
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }

  async progress(name: JobName, jobId: string): Promise<JobProgressView> {
    const job = await this.queue(JOB_QUEUE[name]).getJob(jobId);
    if (!job) return { state: 'missing', progress: 0, failedReason: null, attemptsMade: 0 };
    const state = await job.getState();
    const progress = typeof job.progress === 'number' ? job.progress : 0;
    const mapped: JobProgressView['state'] =
      state === 'completed' ? 'completed' : state === 'failed' ? 'failed' : state === 'active' ? 'active' : 'waiting';
    return { state: mapped, progress, failedReason: job.failedReason ?? null, attemptsMade: job.attemptsMade };
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
