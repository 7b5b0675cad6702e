# Reference forecasts from R's forecast package: ets(), thetaf() and auto.arima() with forecast(),
# for every series of a monthly benchmark file, written as test data the .NET tests compare with.
#
#   Rscript tools/r-reference/reference.R <long.csv> <out.csv.gz> [horizon]
#
# <long.csv> has the columns series_id, split (train/test), year, month, value (the layout of
# ../shared/data/forecasting/m3_monthly_long.csv and m1_monthly_long.csv); only the train rows are
# read. The output has one row per series, method and step ahead:
#   series_id, method (ets, theta, arima), model, aicc, h, point, lo80, hi80, lo95, hi95
# where model is R's name of the fitted model ("ETS(M,A,M)", "ARIMA(0,1,1)(0,1,1)[12]", "Theta").

suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) {
  stop("usage: Rscript reference.R <long.csv> <out.csv.gz> [horizon]")
}
horizon <- if (length(args) >= 3) as.integer(args[3]) else 18L
long <- read.csv(args[1], stringsAsFactors = FALSE)
long <- long[long$split == "train", ]
long <- long[order(long$series_id, long$year, long$month), ]
series <- split(long, long$series_id)

rows <- function(id, method, model, aicc, fc) {
  data.frame(
    series_id = id, method = method, model = model, aicc = aicc, h = seq_len(horizon),
    point = as.numeric(fc$mean),
    # Columns by position: forecast() names them "80%" and "95%", thetaf() "Series 1" and "Series 2".
    lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]),
    lo95 = as.numeric(fc$lower[, 2]), hi95 = as.numeric(fc$upper[, 2]),
    stringsAsFactors = FALSE)
}

one <- function(s) {
  id <- s$series_id[1]
  y <- ts(s$value, frequency = 12, start = c(s$year[1], s$month[1]))
  levels <- c(80, 95)
  e <- ets(y)
  a <- auto.arima(y)
  rbind(
    rows(id, "ets", e$method, e$aicc, forecast(e, h = horizon, level = levels)),
    rows(id, "theta", "Theta", NA, thetaf(y, h = horizon, level = levels)),
    rows(id, "arima", as.character(a), a$aicc, forecast(a, h = horizon, level = levels)))
}

results <- mclapply(series, one, mc.cores = max(1L, detectCores()))
failed <- vapply(results, inherits, logical(1), what = "try-error")
if (any(failed)) {
  stop(paste("failed on", paste(names(series)[failed], collapse = ", ")))
}
out <- do.call(rbind, results)
connection <- gzfile(args[2], "w")
write.csv(out, connection, row.names = FALSE)
close(connection)
cat(sprintf("%d series, %d rows written to %s (R %s, forecast %s)\n", length(series), nrow(out), args[2],
            paste(R.version$major, R.version$minor, sep = "."), as.character(packageVersion("forecast"))))
