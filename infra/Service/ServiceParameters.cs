namespace MultiRegionInfra.Service;

/// <summary>Which stack publishes a parameter.</summary>
public enum ParameterPublisher
{
    /// <summary>The regional stack itself.</summary>
    RegionalStack,

    /// <summary>The global stack, into each region's path, once it is deployed.</summary>
    GlobalStack,
}

/// <summary>One value the service receives: an SSM parameter under its stack's path, and the environment
/// variable the instances give the service from it.</summary>
/// <param name="Name">The parameter's name under the path, e.g. <c>db/writer-endpoint</c>.</param>
/// <param name="EnvironmentVariable">The service's environment variable, e.g. <c>DB_WRITER_ENDPOINT</c>.</param>
/// <param name="Description">What it is.</param>
/// <param name="Example">An example value.</param>
/// <param name="Publisher">Which stack writes it.</param>
public sealed record ServiceParameter(string Name, string EnvironmentVariable, string Description, string Example, ParameterPublisher Publisher);

/// <summary>A variable the instances set from their own launch configuration, not from a parameter.</summary>
public sealed record InstanceVariable(string Name, string Description, string Example);

/// <summary>The contract between the stacks and the service: every parameter under
/// <c>/&lt;project&gt;/&lt;stack&gt;/</c> and the environment variable it becomes. Declared once; the
/// regional and global stacks publish from it, the boot script maps from it, the README documents it.</summary>
public static class ServiceParameters
{
    public static readonly ServiceParameter DbWriterEndpoint = new("db/writer-endpoint", "DB_WRITER_ENDPOINT",
        "Host to send writes to: the PostgreSQL primary (reached over VPC peering from a replica region), or with Aurora this region's cluster endpoint (writes are forwarded to the primary cluster)",
        "multi-region-infra-us-east-pg.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbReaderEndpoint = new("db/reader-endpoint", "DB_READER_ENDPOINT",
        "Host for reads in this region: the local instance or replica, or with Aurora the local reader endpoint",
        "multi-region-infra-eu-west-pg.f6e5d4c3b2a1.eu-west-1.rds.amazonaws.com", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbPort = new("db/port", "DB_PORT", "The database port", "5432", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbName = new("db/name", "DB_NAME", "The database to connect to", "app", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbUsername = new("db/username", "DB_USERNAME",
        "The database user the service logs in as, with an IAM authentication token instead of a password", "app", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbCredentials = new("db/credentials", "DB_CREDENTIALS",
        "How the service authenticates: iam (generate a token for DB_USERNAME with the instance role: aws rds generate-db-auth-token, or the SDK's RDS signer)",
        "iam", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbWriterRegion = new("db/writer-region", "DB_WRITER_REGION",
        "The region of DB_WRITER_ENDPOINT, which signs its authentication tokens", "us-east-1", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter DbWritePath = new("db/write-path", "DB_WRITE_PATH",
        "How writes reach the primary: local (this region holds it), peering (to the primary in another region) or write-forwarding (Aurora global write forwarding)",
        "peering", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter AssetsBucket = new("assets/bucket", "ASSETS_BUCKET",
        "This region's static asset bucket (read access), empty when assets.enabled is false", "assets-eu-west-4f2a9c0e1b7d3a6c5e8f0a1b2c", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter Region = new("region", "AWS_REGION", "The region the instance runs in (also what the AWS SDKs read)", "eu-west-1", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter Stack = new("stack", "APP_STACK", "The regional stack", "eu-west", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter Environment = new("environment", "APP_ENVIRONMENT", "dev, staging or prod", "prod", ParameterPublisher.RegionalStack);

    public static readonly ServiceParameter SessionsTable = new("sessions/table", "SESSIONS_TABLE",
        "The DynamoDB global table for sessions (this region's replica; read and write access), published by the global stack when sessionStore is true",
        "sessions", ParameterPublisher.GlobalStack);

    /// <summary>Every parameter, in the order the README lists them.</summary>
    public static readonly IReadOnlyList<ServiceParameter> All = new[]
    {
        DbWriterEndpoint, DbReaderEndpoint, DbPort, DbName, DbUsername, DbCredentials, DbWriterRegion, DbWritePath,
        AssetsBucket, Region, Stack, Environment, SessionsTable,
    };

    /// <summary>Variables the launch template sets directly.</summary>
    public static readonly IReadOnlyList<InstanceVariable> InstanceVariables = new[]
    {
        new InstanceVariable("PORT", "The port the service must listen on (app.port)", "8080"),
        new InstanceVariable("APP_CONFIG_PATH", "The stack's parameter path, for values read at run time", "/multi-region-infra/eu-west/"),
    };

    /// <summary>The path of a stack's parameters, with its trailing slash.</summary>
    public static string PathOf(string project, string stack) => $"/{project}/{stack}/";

    /// <summary>The full name of one parameter.</summary>
    public static string NameOf(string project, string stack, ServiceParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return PathOf(project, stack) + parameter.Name;
    }
}
