// One cluster at a time: each starts a silo, and the machine has two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
