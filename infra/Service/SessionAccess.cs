using MultiRegionInfra.Configuration;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Ssm;
using Pulumi.Aws.Ssm.Inputs;

namespace MultiRegionInfra.Service;

/// <summary>What the global stack adds to one region's service once the session table exists: the
/// <c>sessions/table</c> parameter under the region's path, the instance role's access to the table's
/// replica in that region, and an SSM association that restarts the service on the region's instances
/// (one at a time) whenever that parameter changes, so running instances pick it up without a refresh.</summary>
public sealed class SessionAccess : ComponentResource
{
    /// <summary>DynamoDB actions a session store needs on its table, and no more (no scans of other
    /// tables, no table administration).</summary>
    public static readonly IReadOnlyList<string> TableActions = new[]
    {
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
        "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    };

    public SessionAccess(string name, SessionAccessArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:service:SessionAccess", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var partition = AwsRegions.PartitionOf(args.Region);

        var parameter = new Parameter(ResourceNames.Child(name, "table-parameter"), new ParameterArgs
        {
            Region = args.Region,
            Name = args.ConfigPath.ToOutput().Apply(path => path + ServiceParameters.SessionsTable.Name),
            Description = ServiceParameters.SessionsTable.Description,
            Type = "SecureString",
            KeyId = args.ConfigKeyArn,
            Value = args.TableName,
            Tags = context.Tags(ResourceNames.Child(name, "table-parameter")),
        }, self);

        new RolePolicy(ResourceNames.Child(name, "table-access"), new RolePolicyArgs
        {
            Role = args.InstanceRoleName,
            Name = "session-table",
            Policy = Output.Tuple(args.AccountId.ToOutput(), args.TableName.ToOutput()).Apply(t =>
            {
                var table = $"arn:{partition}:dynamodb:{args.Region}:{t.Item1}:table/{t.Item2}";
                return ServicePermissions.Json(new[] { new PolicyStatement("UseSessionTable", TableActions, new[] { table, $"{table}/index/*" }) });
            }),
        }, self);

        // Re-applied when its parameters change: the table name is one of them.
        new Association(ResourceNames.Child(name, "restart-service"), new AssociationArgs
        {
            Region = args.Region,
            Name = "AWS-RunShellScript",
            AssociationName = ResourceNames.Limit(ResourceNames.Join(context.Application, args.StackName, "restart-service"), 128),
            Targets = { new AssociationTargetArgs { Key = "tag:aws:autoscaling:groupName", Values = { args.AutoScalingGroupName } } },
            Parameters =
            {
                { "commands", args.TableName.ToOutput().Apply(t => $"# sessions/table is {t}; the service reads it when it starts\nsystemctl restart {BootScript.UnitName}") },
            },
            MaxConcurrency = "1",
            MaxErrors = "1",
            Tags = context.Tags(ResourceNames.Child(name, "restart-service")),
        }, new CustomResourceOptions { Parent = this, DependsOn = { parameter } });
        RegisterOutputs();
    }
}
