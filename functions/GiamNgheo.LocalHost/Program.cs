using GiamNgheo.LocalHost;

var options = LocalHostOptions.FromCommandLine(args, Environment.GetEnvironmentVariable);
await using var host = await LocalFunctionHost.StartAsync(options);
await host.App.WaitForShutdownAsync();
