using MultiRegionInfra.Configuration;
using Pulumi;

namespace MultiRegionInfra.Stacks;

/// <summary>The Pulumi program: reads and validates the stack's configuration, then builds the regional
/// or the global stack. A configuration with any problem stops here, before a resource is registered,
/// with every problem listed.</summary>
public static class MultiRegionProgram
{
    public static IDictionary<string, object?> Run()
    {
        var deployment = Deployment.Instance;
        return Build(ConfigSource.FromEnvironment(), deployment.ProjectName, deployment.StackName, deployment.OrganizationName);
    }

    /// <param name="options">Options of the stack's top component; the plan and the tests pass a
    /// <see cref="Inspection.ResourceRecorder"/>'s transformation here.</param>
    public static IDictionary<string, object?> Build(ConfigSource source, string project, string stack, string organization,
        ComponentResourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var reader = new ConfigReader(project, source.Namespace(project));
        var kind = reader.Choice("stackKind", StackKind.Regional, ConfigNames.StackKinds);
        switch (kind)
        {
            case StackKind.Regional:
            {
                var settings = RegionalSettings.Read(reader, stack, source.Get("aws:region"));
                if (settings is null)
                    throw new ConfigurationException(stack, reader.Errors);
                foreach (var warning in settings.Warnings())
                    Log.Warn(warning);
                var regional = new RegionalStack(stack, new RegionalStackArgs
                {
                    Settings = settings,
                    Application = project,
                    Organization = organization,
                }, options);
                return regional.Exports.ToDictionary(p => p.Key, p => (object?)p.Value);
            }
            default:
            {
                var settings = GlobalSettings.Read(reader, stack, source.Get("aws:region"));
                if (settings is null)
                    throw new ConfigurationException(stack, reader.Errors);
                var global = new GlobalStack(stack, new GlobalStackArgs
                {
                    Settings = settings,
                    Application = project,
                    Organization = organization,
                }, options);
                return global.Exports.ToDictionary(p => p.Key, p => (object?)p.Value);
            }
        }
    }
}
