using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>What a stack needs planned before it, read from its configuration.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Kind">Regional or global.</param>
/// <param name="DependsOn">The stacks it reads: a replica its primary, the global stack its regions.</param>
public sealed record StackDependencies(string Stack, StackKind Kind, IReadOnlyList<string> DependsOn)
{
    public static StackDependencies Of(StackFile file, string project)
    {
        ArgumentNullException.ThrowIfNull(file);
        var config = file.Config;
        var kind = config.Get($"{project}:stackKind") == "global" ? StackKind.Global : StackKind.Regional;
        var dependsOn = new List<string>();
        if (kind == StackKind.Regional && config.Get($"{project}:primaryStack") is { Length: > 0 } primary)
            dependsOn.Add(primary);
        if (kind == StackKind.Global && config.Get($"{project}:regions") is { } regions)
        {
            try
            {
                dependsOn.AddRange(System.Text.Json.JsonSerializer.Deserialize<List<string>>(regions) ?? new List<string>());
            }
            catch (System.Text.Json.JsonException)
            {
                // The stack's own validation reports a malformed list.
            }
        }
        return new StackDependencies(file.Name, kind, dependsOn.Distinct().ToList());
    }
}

/// <summary>Orders stacks so every stack comes after the stacks it reads: primaries, their replicas,
/// then the global stack. Derived from configuration, never from stack names.</summary>
public static class PlanOrder
{
    /// <summary>The order to plan <paramref name="wanted"/> in, with every stack they depend on added.
    /// Ties keep name order, so the result is the same on every run.</summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyCollection<StackDependencies> stacks, IEnumerable<string> wanted, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        var byName = stacks.ToDictionary(s => s.Stack, StringComparer.Ordinal);
        var problems = new List<string>();
        var order = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done

        void Visit(string stack, string? requiredBy)
        {
            if (state.TryGetValue(stack, out var done))
            {
                if (!done)
                    problems.Add($"{stack}: its stacks depend on each other in a cycle ({string.Join(" -> ", state.Where(s => !s.Value).Select(s => s.Key).Append(stack))})");
                return;
            }
            if (!byName.TryGetValue(stack, out var dependencies))
            {
                problems.Add(requiredBy is null
                    ? $"{stack}: no such stack (no Pulumi.{stack}.yaml)"
                    : $"{requiredBy}: reads stack '{stack}', which has no Pulumi.{stack}.yaml");
                return;
            }
            state[stack] = false;
            foreach (var dependency in dependencies.DependsOn.OrderBy(d => d, StringComparer.Ordinal))
                Visit(dependency, stack);
            state[stack] = true;
            order.Add(stack);
        }

        // Regional stacks first, in name order, then global ones: a primary lands before its replicas
        // through the dependency walk.
        foreach (var stack in wanted.Distinct().OrderBy(s => byName.TryGetValue(s, out var d) && d.Kind == StackKind.Global ? 1 : 0).ThenBy(s => s, StringComparer.Ordinal))
            Visit(stack, null);
        errors = problems.Distinct().ToList();
        return order;
    }
}
