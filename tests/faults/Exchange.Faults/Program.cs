using Exchange.Faults;

// One fault of tests/faults/run.sh: load, (run.sh applies the fault meanwhile), recovery probe,
// database check, the section of docs/RELIABILITY.md.
var options = Options.Parse(args);
var run = await FaultRun.StartAsync(options);
var load = await run.LoadAsync();
var fault = await FaultWindow.WaitAsync(options.FaultFile, TimeSpan.FromMinutes(5));
var recovered = await run.RecoveredAsync();
var check = await StoreCheck.RunAsync(options.Database, run.PlatformId, load);
var section = Report.Section(options, load, fault, recovered, check);
await File.WriteAllTextAsync(options.Output, section);
Console.WriteLine(section);
return check.Lost == 0 && check.Duplicated == 0 && load.Internal == 0 ? 0 : 1;
