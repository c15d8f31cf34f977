using System.Collections.Immutable;

namespace Pulumi.Testing;

/// <summary>What a unit test supplies in place of the engine and the providers.</summary>
public interface IMocks
{
    /// <summary>Returns the ID and the output state of a resource being created or read.</summary>
    Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args);

    /// <summary>Returns the result of an invoke (a function call such as a data source lookup).</summary>
    Task<object> CallAsync(MockCallArgs args);

    /// <summary>Receives the outputs a component or stack registers.</summary>
    Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;
}

/// <summary>A resource as the mocks see it.</summary>
public class MockResourceArgs
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    public ImmutableDictionary<string, object> Inputs { get; set; } = ImmutableDictionary<string, object>.Empty;

    public string? Provider { get; set; }

    public string? Id { get; set; }
}

/// <summary>An invoke as the mocks see it.</summary>
public class MockCallArgs
{
    public string? Token { get; set; }

    public ImmutableDictionary<string, object> Args { get; set; } = ImmutableDictionary<string, object>.Empty;

    public string? Provider { get; set; }
}

/// <summary>The outputs a component or stack registers.</summary>
public class MockRegisterResourceOutputsRequest
{
    public readonly string Urn;

    public readonly ImmutableDictionary<string, Output<object?>> Outputs;

    public MockRegisterResourceOutputsRequest(string urn, ImmutableDictionary<string, Output<object?>> outputs)
    {
        Urn = urn;
        Outputs = outputs;
    }
}

/// <summary>Settings of a test run; unset values take the real SDK's defaults.</summary>
public class TestOptions
{
    /// <summary>Defaults to "project".</summary>
    public string? ProjectName { get; set; }

    /// <summary>Defaults to "stack".</summary>
    public string? StackName { get; set; }

    /// <summary>Defaults to "organization".</summary>
    public string? OrganizationName { get; set; }

    /// <summary>Whether the run is a preview; defaults to true.</summary>
    public bool? IsPreview { get; set; }

    public string? RootDirectory { get; set; }
}
