// Pulumi's test runner keeps one deployment per run in ambient state: tests must run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
