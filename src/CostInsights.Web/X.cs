namespace CostInsights.Web; public static class X {}
