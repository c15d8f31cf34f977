using System.Text;

namespace MultiRegionInfra.Compute;

/// <summary>The instances' boot script: a small HTTP service on the app port that answers the health
/// path and reports its region. It holds no secrets: the region, port and path are not secret, and
/// anything sensitive is fetched at run time through the instance role, never written here.</summary>
public static class UserData
{
    public static string Script(string region, string stackName, int port, string healthPath) => $$"""
        #!/bin/bash
        set -euo pipefail
        mkdir -p /opt/app
        cat > /opt/app/server.py <<'PY'
        import http.server, json
        REGION = "{{region}}"
        STACK = "{{stackName}}"
        HEALTH = "{{healthPath}}"
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({"status": "ok", "region": REGION, "stack": STACK, "path": self.path}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", "no-store")
                self.send_header("X-Region", REGION)
                self.end_headers()
                self.wfile.write(body)
            do_HEAD = do_GET
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(("0.0.0.0", {{port}}), Handler).serve_forever()
        PY
        cat > /etc/systemd/system/app.service <<'UNIT'
        [Unit]
        Description=multi-region-infra sample service ({{healthPath}} health check)
        After=network-online.target
        [Service]
        ExecStart=/usr/bin/python3 /opt/app/server.py
        Restart=always
        DynamicUser=yes
        [Install]
        WantedBy=multi-user.target
        UNIT
        systemctl daemon-reload
        systemctl enable --now app.service
        """;

    /// <summary>The script as EC2 wants it in a launch template: base64.</summary>
    public static string Base64(string region, string stackName, int port, string healthPath) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Script(region, stackName, port, healthPath)));
}
