using System.Security.Cryptography;
using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>The master password of a database: random, made when the program runs, and sent to RDS
/// only through the write-only input (<c>passwordWo</c>/<c>masterPasswordWo</c>), so it is in no
/// configuration, no state and no log. RDS's own Secrets Manager management cannot be used here: RDS
/// refuses it for a source of cross-region read replicas and for clusters of a global database. Nobody
/// needs the password: the service logs in with IAM authentication, and an administrator who must log in
/// as the master sets a new password through the RDS API (see the README's runbook).</summary>
public static class MasterPassword
{
    /// <summary>The write-only version: the password is sent once, when the database is created; a later
    /// run's new random value is not sent again unless the version changes.</summary>
    public const int Version = 1;

    // RDS refuses '/', '"', '@' and spaces in master passwords.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_=+";

    /// <summary>A fresh password, as a secret output.</summary>
    public static Output<string> Generate(int length = 40) =>
        Output.CreateSecret(RandomNumberGenerator.GetString(Alphabet, length));
}
