namespace CostInsights.Cli; public static class X {}
