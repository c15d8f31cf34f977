using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Ssm;
using Pulumi.Aws.Ssm.Inputs;

namespace MultiRegionInfra.Service;

/// <summary>Restarts the service on a group's instances, one at a time, whenever values it reads only
/// when it starts change: an SSM association whose command names those values, so a change to them
/// changes the association and SSM runs it again. Running instances then pick up, say, a new database
/// writer after a promotion without an instance refresh.</summary>
public sealed class ServiceRestart : ComponentResource
{
    /// <summary>The association's name.</summary>
    [Output]
    public Output<string> AssociationName { get; private set; } = null!;

    public ServiceRestart(string name, ServiceRestartArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:service:ServiceRestart", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var associationOptions = new CustomResourceOptions { Parent = this };
        foreach (var resource in args.After)
            associationOptions.DependsOn.Add(resource);
        var associationName = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "restart", args.Purpose), 128);
        var association = new Association(ResourceNames.Child(name, "association"), new AssociationArgs
        {
            Name = "AWS-RunShellScript",
            AssociationName = associationName,
            Targets = { new AssociationTargetArgs { Key = "tag:aws:autoscaling:groupName", Values = { args.AutoScalingGroupName } } },
            Parameters =
            {
                { "commands", args.Watched.ToOutput().Apply(watched => $"# {args.Purpose}: {watched}; the service reads it when it starts\nsystemctl restart {BootScript.UnitName}") },
            },
            MaxConcurrency = "1",
            MaxErrors = "1",
            Tags = context.Tags(ResourceNames.Child(name, "association")),
        }, associationOptions);
        AssociationName = association.AssociationName.Apply(n => n ?? associationName);
        RegisterOutputs();
    }
}
