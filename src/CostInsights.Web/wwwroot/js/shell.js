// What the app shell needs from the browser: remembering the chosen colour scheme for a year.
export function rememberTheme(cookieName, value) {
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${cookieName}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}
