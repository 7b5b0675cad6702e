# Monthly series from R's own packages as a benchmark no method here was chosen on: long histories,
# several with strong multiplicative seasonality, and a 24-month horizon. Writes them as a long CSV
# (the last 24 months of each are the test part) and prints R's ets(), thetaf(), auto.arima(), their
# mean and seasonal naive on it, sMAPE and MASE as `costinsights forecast eval` scores them.
#
#   Rscript tools/r-reference/datasets.R <out.csv>
#   costinsights forecast eval --method all --data <out.csv>
#
# Needs r-cran-forecast, r-cran-aer, r-cran-strucchange and r-cran-tseries from Debian.

suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) {
  stop("usage: Rscript datasets.R <out.csv>")
}
horizon <- 24L

# One series: the data set `item` of `package` loads the object `name`; `column` picks one of a matrix.
from <- function(package, item, name = item, column = NULL) {
  e <- new.env()
  data(list = item, package = package, envir = e)
  x <- get(name, envir = e)
  if (!is.null(column)) x <- x[, column]
  list(id = paste(c(package, name, column), collapse = "."), y = as.numeric(x), start = start(x))
}

series <- list(
  from("forecast", "gas"), from("forecast", "wineind"),
  from("datasets", "AirPassengers"), from("datasets", "UKDriverDeaths"), from("datasets", "USAccDeaths"),
  from("datasets", "co2"), from("datasets", "nottem"),
  from("datasets", "UKLungDeaths", "ldeaths"), from("datasets", "UKLungDeaths", "mdeaths"),
  from("datasets", "UKLungDeaths", "fdeaths"),
  from("datasets", "Seatbelts", column = "DriversKilled"), from("datasets", "Seatbelts", column = "front"),
  from("datasets", "Seatbelts", column = "rear"), from("datasets", "Seatbelts", column = "kms"),
  from("datasets", "Seatbelts", column = "VanKilled"),
  from("AER", "DutchSales"), from("AER", "FrozenJuice", column = "price"), from("AER", "FrozenJuice", column = "fdd"),
  from("AER", "PepperPrice", column = "black"), from("AER", "USMacroSWM", column = "production"),
  from("strucchange", "USIncExp", column = "income"), from("strucchange", "USIncExp", column = "expenditure"),
  from("tseries", "nino", "nino3"), from("tseries", "tcm", "tcm10y"), from("boot", "manaus"))

smape <- function(a, f) mean(ifelse(abs(a) + abs(f) == 0, 0, 200 * abs(a - f) / (abs(a) + abs(f))))
rows <- list()
scores <- list()
for (s in series) {
  n <- length(s$y)
  months <- (s$start[2] - 1) + seq_len(n) - 1
  rows[[s$id]] <- data.frame(series_id = s$id, split = ifelse(seq_len(n) <= n - horizon, "train", "test"), t = seq_len(n),
    year = s$start[1] + months %/% 12, month = months %% 12 + 1, value = s$y)
  train <- ts(s$y[seq_len(n - horizon)], frequency = 12, start = s$start)
  test <- s$y[(n - horizon + 1):n]
  scale <- mean(abs(diff(as.numeric(train), lag = 12)))
  f <- list(
    ets = forecast(ets(train), h = horizon)$mean,
    theta = suppressWarnings(thetaf(train, h = horizon))$mean,
    arima = forecast(auto.arima(train), h = horizon)$mean,
    snaive = snaive(train, h = horizon)$mean)
  f$mean3 <- (f$ets + f$theta + f$arima) / 3
  scores[[s$id]] <- sapply(f, function(p) c(sMAPE = smape(test, p), MASE = mean(abs(test - p)) / scale))
}
write.csv(do.call(rbind, rows), args[1], row.names = FALSE, quote = FALSE)
cat(length(series), "series, horizon", horizon, "\n")
print(round(Reduce(`+`, scores) / length(scores), 3))
