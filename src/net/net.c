/* TLS modes and passwords: what every network peer of ogid needs. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "net/net.h"

/* A password line longer than this is not a password but a wrong file. */
#define NET_PASSWORD_MAX 1024

int
net_tls_parse(const char *value, enum net_tls *tls_r, struct ogi_error *err)
{
	static const struct {
		const char *name;
		enum net_tls tls;
	} modes[] = {
		{ "implicit", NET_TLS_IMPLICIT },
		{ "starttls", NET_TLS_STARTTLS },
		{ "none", NET_TLS_NONE },
	};

	if (value == NULL) {
		*tls_r = NET_TLS_IMPLICIT;
		return 0;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(modes); i++)
		if (strcmp(value, modes[i].name) == 0) {
			*tls_r = modes[i].tls;
			return 0;
		}
	error_set(err, "tls = %s: expected implicit, starttls or none", value);
	return -1;
}

static int
net_password_file(const char *path, char **password_r, struct ogi_error *err)
{
	char buf[NET_PASSWORD_MAX + 2];
	struct stat st;
	ssize_t got;
	size_t len;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		error_set(err, "password_file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		error_set(err, "password_file %s: must be a regular file that "
			  "only its owner can read (chmod 600)", path);
		close(fd);
		return -1;
	}
	got = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (got < 0) {
		error_set(err, "password_file %s: %s", path, strerror(errno));
		return -1;
	}
	buf[got] = '\0';
	len = strcspn(buf, "\r\n");
	if (len == 0 || len > NET_PASSWORD_MAX) {
		error_set(err, "password_file %s: %s", path, len == 0
			  ? "the first line is empty" : "the first line is too long");
		explicit_bzero(buf, sizeof(buf));
		return -1;
	}
	*password_r = g_strndup(buf, len);
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

int
net_password_read(const char *password, const char *password_file,
		  char **password_r, struct ogi_error *err)
{
	if (password != NULL && *password != '\0') {
		*password_r = g_strdup(password);
		return 0;
	}
	if (password_file == NULL) {
		error_set(err, "no password: set password_file (or password)");
		return -1;
	}
	return net_password_file(password_file, password_r, err);
}

void
net_password_free(char *password)
{
	if (password == NULL)
		return;
	explicit_bzero(password, strlen(password));
	g_free(password);
}
