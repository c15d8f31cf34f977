namespace MultiRegionInfra.OfflineSdk.Engine;

/// <summary>Watches every task the program starts (registrations, outputs, logs) so the run ends only
/// when all are done, and collects their failures, each exception once.</summary>
internal sealed class Runner
{
    private readonly object _gate = new();
    private readonly List<Task> _tasks = new();
    private readonly List<Exception> _synchronous = new();

    public void Register(Task task)
    {
        lock (_gate)
            _tasks.Add(task);
    }

    public void RecordException(Exception exception)
    {
        lock (_gate)
            _synchronous.Add(exception);
    }

    public async Task<IReadOnlyList<Exception>> WhenIdleAsync()
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var errors = new List<Exception>();
        var done = 0;
        while (true)
        {
            Task[] batch;
            lock (_gate)
            {
                if (done == _tasks.Count)
                    break;
                batch = _tasks.GetRange(done, _tasks.Count - done).ToArray();
            }
            try
            {
                await Task.WhenAll(batch).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Each faulted task is inspected below.
            }
            foreach (var task in batch.Where(t => t.IsFaulted))
            {
                foreach (var exception in task.Exception!.Flatten().InnerExceptions)
                {
                    if (seen.Add(exception))
                        errors.Add(exception);
                }
            }
            done += batch.Length;
        }
        lock (_gate)
            return _synchronous.Where(seen.Add).Concat(errors).ToList();
    }
}
