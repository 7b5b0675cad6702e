// Sends a chosen file to an upload endpoint as an ordinary HTTP POST (never through the circuit), with the
// page's antiforgery token, and reports its progress to .NET at most five times a second.
export function upload(container, url, token, fields, dotnet) {
    const input = container.querySelector('input[type=file]');
    const file = input && input.files && input.files[0];
    if (!file) {
        return false;
    }
    const form = new FormData();
    for (const [name, value] of Object.entries(fields || {})) {
        if (value) {
            form.append(name, value);
        }
    }
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('RequestVerificationToken', token);
    let last = 0;
    request.upload.onprogress = e => {
        const now = Date.now();
        if (e.lengthComputable && (now - last > 200 || e.loaded === e.total)) {
            last = now;
            dotnet.invokeMethodAsync('Progress', e.loaded, e.total);
        }
    };
    request.onload = () => dotnet.invokeMethodAsync('Finished', request.status, request.responseText);
    request.onerror = () => dotnet.invokeMethodAsync('Finished', 0, '');
    request.send(form);
    return true;
}

/// The name and size of the chosen file, or null.
export function chosen(container) {
    const input = container.querySelector('input[type=file]');
    const file = input && input.files && input.files[0];
    return file ? { name: file.name, size: file.size } : null;
}
